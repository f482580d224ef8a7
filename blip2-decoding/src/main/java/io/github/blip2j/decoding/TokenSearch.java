package io.github.blip2j.decoding;

import io.github.blip2j.decoding.processors.LogitsProcessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The loop shared by greedy search and sampling (transformers {@code greedy_search} / {@code sample}):
 * one token per row and step, rows finish independently at eos.
 *
 * <p>Rows are {@code item * n + s} for {@code n = num_return_sequences}. The first step runs on one
 * model row per item (all of an item's rows start identical) and expands afterwards, so the model
 * never computes duplicate rows.
 */
final class TokenSearch {

    private final GenerationConfig config;
    private final boolean sample;

    TokenSearch(GenerationConfig config, boolean sample) {
        this.config = config;
        this.sample = sample;
    }

    GenerationResult run(NextTokenModel model, int[] leadingTokens, long[] itemSeeds, TokenListener listener) {
        ProcessorChain.checkInputs(config, model, leadingTokens);
        final int items = leadingTokens.length;
        final int n = sample ? config.numReturnSequences() : 1;
        final int rows = items * n;
        final int vocab = model.vocabSize();
        final int maxLen = config.resolvedMaxLength();
        final int pad = config.resolvedPadTokenId();
        if (itemSeeds != null && itemSeeds.length != items) {
            throw new IllegalArgumentException("itemSeeds has " + itemSeeds.length + " entries: must have one per item ("
                    + items + ")");
        }
        final List<LogitsProcessor> processors = ProcessorChain.processors(config, vocab);
        final List<LogitsProcessor> warpers = sample ? ProcessorChain.warpers(config, vocab) : List.of();

        int[][] hist = new int[rows][maxLen];
        int[] generated = new int[rows];
        boolean[] finished = new boolean[rows];
        double[] score = new double[rows];
        SplitMix64[] rng = sample ? rowGenerators(items, n, itemSeeds) : null;
        int[] modelRowOf = new int[rows];
        for (int r = 0; r < rows; r++) {
            hist[r][0] = leadingTokens[r / n];
            modelRowOf[r] = r / n;
        }
        boolean[] itemReported = new boolean[items];
        float[] logits = new float[Math.max(items, rows) * vocab];
        float[] lse = new float[Math.max(items, rows)];
        float[] work = new float[vocab];
        float[] probs = new float[vocab];
        float[] half = new float[vocab / 2 + 1];
        float[] copy = sample ? new float[vocab] : null;
        List<float[][]> stepScores = new ArrayList<>();
        int[] lastTokens = leadingTokens.clone();
        int curLen = 1;

        while (true) {
            boolean haveLse = model.nextLogitsAndLogSumExp(lastTokens, logits, lse);
            boolean useModelLse = haveLse && processors.isEmpty() && warpers.isEmpty();
            float[][] recorded = config.outputScores() ? new float[rows][] : null;
            int prepared = -1;
            for (int r = 0; r < rows; r++) {
                if (finished[r]) {
                    continue;
                }
                int mr = modelRowOf[r];
                if (mr != prepared) {
                    // Rows share a model row only on the first step, where their histories are equal.
                    System.arraycopy(logits, mr * vocab, work, 0, vocab);
                    ProcessorChain.apply(processors, hist[r], curLen, work, vocab);
                    ProcessorChain.apply(warpers, hist[r], curLen, work, vocab);
                    prepared = mr;
                }
                if (recorded != null) {
                    recorded[r] = Arrays.copyOf(work, vocab);
                }
                int token;
                float rowLse;
                if (sample) {
                    token = draw(work, vocab, rng[r], probs, copy, half);
                    rowLse = drawnLogSumExp;
                } else {
                    token = LogitsMath.argmax(work, vocab);
                    rowLse = useModelLse ? lse[mr]
                            : LogitsMath.logSumExpWithMax(work, vocab, work[token], probs, half);
                }
                score[r] += work[token] - rowLse;
                hist[r][curLen] = token;
                generated[r]++;
                finished[r] = config.isEos(token);
                if (listener != null) {
                    listener.onToken(r / n, r % n, r % n, token);
                }
            }
            if (recorded != null) {
                stepScores.add(recorded);
            }
            curLen++;
            boolean allDone = reportFinishedItems(finished, n, itemReported, listener, false);
            if (allDone || curLen == maxLen) {
                break;
            }
            int[] sel = new int[rows];
            int[] next = new int[rows];
            int live = 0;
            for (int r = 0; r < rows; r++) {
                if (finished[r] && config.compactFinishedRows()) {
                    modelRowOf[r] = -1;
                    continue;
                }
                sel[live] = modelRowOf[r];
                next[live] = finished[r] ? pad : hist[r][curLen - 1];
                modelRowOf[r] = live;
                live++;
            }
            sel = Arrays.copyOf(sel, live);
            if (!isIdentity(sel, lastTokens.length)) {
                model.selectRows(sel);
            }
            lastTokens = Arrays.copyOf(next, live);
        }
        reportFinishedItems(finished, n, itemReported, listener, true);

        List<List<GeneratedSequence>> out = new ArrayList<>();
        for (int b = 0; b < items; b++) {
            List<GeneratedSequence> seqs = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                int r = b * n + s;
                seqs.add(new GeneratedSequence(Arrays.copyOfRange(hist[r], 1, 1 + generated[r]), score[r], finished[r]));
            }
            out.add(seqs);
        }
        return new GenerationResult(leadingTokens, out, stepScores);
    }

    /** Log-sum-exp of the row {@link #draw} last sampled from (its score needs it). */
    private float drawnLogSumExp;

    /**
     * Multinomial draw from softmax(scores): one uniform number, walk the cumulative (unnormalised)
     * probabilities. Falls back to the last token with non-zero probability when rounding leaves the
     * total below the target.
     */
    private int draw(float[] scores, int vocab, SplitMix64 rng, float[] probs, float[] copy, float[] half) {
        float max = LogitsMath.max(scores, vocab);
        if (max == Float.NEGATIVE_INFINITY || max != max) {
            drawnLogSumExp = LogitsMath.logSumExp(scores, vocab, probs, half);
            return LogitsMath.argmax(scores, vocab);
        }
        LogitsMath.exp(scores, vocab, max, probs);
        System.arraycopy(probs, 0, copy, 0, vocab);
        double total = LogitsMath.sumDestructive(copy, vocab, half);
        drawnLogSumExp = (float) (max + Math.log(total));
        double target = rng.nextDouble() * total;
        double acc = 0;
        int last = -1;
        for (int i = 0; i < vocab; i++) {
            if (scores[i] == Float.NEGATIVE_INFINITY) {
                continue;
            }
            acc += probs[i];
            last = i;
            if (acc > target) {
                return i;
            }
        }
        return last;
    }

    private SplitMix64[] rowGenerators(int items, int n, long[] itemSeeds) {
        long base = config.seed().isPresent() ? config.seed().getAsLong() : ThreadLocalRandom.current().nextLong();
        SplitMix64[] rng = new SplitMix64[items * n];
        for (int b = 0; b < items; b++) {
            long itemSeed = itemSeeds != null ? itemSeeds[b] : SplitMix64.derive(base, b);
            for (int s = 0; s < n; s++) {
                rng[b * n + s] = new SplitMix64(SplitMix64.derive(itemSeed, s));
            }
        }
        return rng;
    }

    /** Tells the listener about newly completed items; returns whether every row is finished. */
    private static boolean reportFinishedItems(boolean[] finished, int n, boolean[] reported, TokenListener listener,
            boolean endOfGeneration) {
        boolean all = true;
        for (int b = 0; b < reported.length; b++) {
            boolean done = true;
            for (int s = 0; s < n; s++) {
                done &= finished[b * n + s];
            }
            all &= done;
            if ((done || endOfGeneration) && !reported[b]) {
                reported[b] = true;
                if (listener != null) {
                    listener.onItemFinished(b);
                }
            }
        }
        return all;
    }

    static boolean isIdentity(int[] sel, int previousRows) {
        if (sel.length != previousRows) {
            return false;
        }
        for (int i = 0; i < sel.length; i++) {
            if (sel[i] != i) {
                return false;
            }
        }
        return true;
    }
}
