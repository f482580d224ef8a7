package io.github.blip2j.decoding.processors;

/** HF {@code suppress_tokens}: the listed tokens always get -inf. */
public final class SuppressTokensLogitsProcessor implements LogitsProcessor {

    private final int[] suppressed;

    /** @param suppressed token ids never to generate */
    public SuppressTokensLogitsProcessor(int[] suppressed) {
        this.suppressed = suppressed.clone();
    }

    @Override
    public void process(int[] tokens, int length, float[] scores, int vocabSize) {
        for (int t : suppressed) {
            scores[t] = Float.NEGATIVE_INFINITY;
        }
    }
}
