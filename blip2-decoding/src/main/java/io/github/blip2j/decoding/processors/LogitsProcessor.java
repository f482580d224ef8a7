package io.github.blip2j.decoding.processors;

/**
 * Edits one row of next-token scores in place, like a Hugging Face {@code LogitsProcessor} or
 * {@code LogitsWarper} applied to a single row.
 *
 * <p>Greedy search and sampling hand processors raw logits; beam search hands them log-probabilities
 * (log-softmax of the logits), exactly as {@code transformers} does, so a processor such as the
 * repetition penalty gives the same numbers as there. Implementations must not allocate per call:
 * they are built once per {@code generate} call, sized to the vocabulary, and are not thread-safe.
 */
@FunctionalInterface
public interface LogitsProcessor {

    /**
     * @param tokens the row's sequence so far: the leading token (decoder start / bos) followed by
     *     the tokens generated so far; only {@code tokens[0..length)} is meaningful
     * @param length the current sequence length, leading token included (HF's {@code cur_len})
     * @param scores the row's scores, {@code vocabSize} values starting at index 0, edited in place
     * @param vocabSize the vocabulary size
     */
    void process(int[] tokens, int length, float[] scores, int vocabSize);
}
