package io.github.blip2j.decoding;

/**
 * Streaming callback, told of every token as soon as a strategy chooses it. Calls come from the
 * thread running {@code generate}, in row order within a step; a listener must not call back into
 * the model.
 *
 * <p>What {@code sequence} and {@code parent} mean:
 * <ul>
 *   <li>greedy search and sampling: {@code sequence} is which of the item's
 *       {@code num_return_sequences} rows got the token, and {@code parent == sequence}. Each row's
 *       tokens, concatenated, are exactly its final sequence; no call follows a row's eos.</li>
 *   <li>beam search (and group beam search): {@code sequence} is the beam slot {@code j} in
 *       {@code [0, num_beams)} and {@code parent} the slot whose running prefix beam {@code j} now
 *       extends: after each step, {@code beam[j] = previous beam[parent] + token}. Running beams are
 *       not final: the result holds the best finished hypotheses, which may end earlier (eos
 *       candidates are never streamed, since they leave the running beams).</li>
 * </ul>
 */
@FunctionalInterface
public interface TokenListener {

    /**
     * @param item batch item index (position in the leading-token array)
     * @param sequence returned-sequence index (greedy/sampling) or beam slot (beam search)
     * @param parent beam slot this beam extends (beam search); equal to {@code sequence} otherwise
     * @param token the token chosen
     */
    void onToken(int item, int sequence, int parent, int token);

    /** Called once when batch item {@code item} is complete (all its rows or beams are done). */
    default void onItemFinished(int item) {}

    /** A listener that ignores everything. */
    static TokenListener none() {
        return (item, sequence, parent, token) -> {};
    }
}
