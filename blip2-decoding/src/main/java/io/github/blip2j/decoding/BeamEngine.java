package io.github.blip2j.decoding;

import io.github.blip2j.decoding.processors.LogitsProcessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Beam search and group (diverse) beam search with the bookkeeping of transformers v4.36.2
 * ({@code beam_search}, {@code group_beam_search}, {@code BeamSearchScorer}). Plain beam search is
 * the one-group case.
 *
 * <p>Per step and per group of {@code gs = num_beams / num_beam_groups} beams: log-softmax of each
 * row, the diversity penalty against tokens earlier groups chose this step, the processors, plus the
 * running beam score; the best {@code max(2, 1 + #eos) * gs} candidates over {@code gs x vocab};
 * walking them in rank order, an eos candidate ranked below {@code gs} becomes a finished hypothesis
 * and the others fill the {@code gs} next beams.
 *
 * <p>Beams are {@code item * num_beams + j}. The first step runs on one model row per item (every
 * beam of an item starts identical, with beam scores {@code [0, -1e9, ...]} per group) and the
 * model expands its rows with the first selection; finished items leave the model's batch when
 * {@link GenerationConfig#compactFinishedRows()}.
 */
final class BeamEngine {

    private static final float INITIAL_OTHER_BEAM_SCORE = -1e9f;

    private final GenerationConfig config;

    BeamEngine(GenerationConfig config) {
        this.config = config;
    }

    GenerationResult run(NextTokenModel model, int[] leadingTokens, TokenListener listener) {
        ProcessorChain.checkInputs(config, model, leadingTokens);
        final int items = leadingTokens.length;
        final int k = config.numBeams();
        final int groups = config.numBeamGroups();
        final int gs = k / groups;
        final int vocab = model.vocabSize();
        final int maxLen = config.resolvedMaxLength();
        final int pad = config.resolvedPadTokenId();
        final int[] eos = config.eosTokenIds();
        final int numCandidates = Math.max(2, 1 + eos.length) * gs;
        if ((long) gs * vocab < numCandidates) {
            throw new IllegalArgumentException("vocabSize = " + vocab + " is too small for " + gs
                    + " beams per group: beam search ranks " + numCandidates + " candidates per step");
        }
        final float diversity = (float) config.diversityPenalty();
        final List<LogitsProcessor> processors = ProcessorChain.processors(config, vocab);
        final int beams = items * k;

        int[][] hist = new int[beams][maxLen];
        int[][] histNext = new int[beams][maxLen];
        float[] beamScores = new float[beams];
        int[] modelRowOf = new int[beams];
        for (int beam = 0; beam < beams; beam++) {
            hist[beam][0] = leadingTokens[beam / k];
            beamScores[beam] = (beam % k) % gs == 0 ? 0f : INITIAL_OTHER_BEAM_SCORE;
            modelRowOf[beam] = beam / k;
        }
        BeamHypotheses[] hyps = new BeamHypotheses[items * groups];
        for (int i = 0; i < hyps.length; i++) {
            hyps[i] = new BeamHypotheses(gs, config.lengthPenalty(), config.earlyStopping(), maxLen - 1);
        }
        boolean[] groupDone = new boolean[items * groups];
        boolean[] groupDoneBefore = new boolean[items * groups];
        boolean[] itemDone = new boolean[items];
        boolean[] itemReported = new boolean[items];

        float[] logits = new float[beams * vocab];
        float[] lse = new float[beams];
        float[] work = new float[vocab];
        float[] scratch = new float[vocab];
        float[] half = new float[vocab / 2 + 1];
        TopCandidates cand = new TopCandidates(numCandidates);
        TopCandidates rowCand = new TopCandidates(numCandidates);
        float rowLse = 0f;
        float[] newScore = new float[beams];
        int[] newToken = new int[beams];
        int[] newParent = new int[beams];
        int[] currentTokens = new int[beams];
        List<float[][]> stepScores = new ArrayList<>();
        int[] lastTokens = leadingTokens.clone();
        int curLen = 1;

        while (true) {
            boolean haveLse = model.nextLogitsAndLogSumExp(lastTokens, logits, lse);
            float[][] recorded = config.outputScores() ? new float[beams][] : null;
            boolean firstStep = curLen == 1;
            System.arraycopy(groupDone, 0, groupDoneBefore, 0, groupDone.length);
            for (int b = 0; b < items; b++) {
                for (int g = 0; g < groups; g++) {
                    int hg = b * groups + g;
                    int base = b * k + g * gs;
                    if (groupDone[hg]) {
                        // HF pads a finished group: its beams take pad with score 0 (and pad counts
                        // towards the diversity penalty of later groups).
                        for (int jj = 0; jj < gs; jj++) {
                            newToken[base + jj] = pad;
                            newParent[base + jj] = g * gs + jj;
                            newScore[base + jj] = 0f;
                            currentTokens[base + jj] = pad;
                        }
                        continue;
                    }
                    cand.reset();
                    boolean plain = processors.isEmpty() && recorded == null && (g == 0 || diversity == 0f);
                    for (int jj = 0; jj < gs; jj++) {
                        int beam = base + jj;
                        if (plain) {
                            // Fast path: log-softmax keeps a row's order, so the group's best candidates
                            // are among each row's best raw logits; one scan per row finds them and the
                            // row max, and only those few values are normalised.
                            if (jj == 0 || !firstStep) {
                                int mr = modelRowOf[beam];
                                rowCand.reset();
                                rowCand.scanRaw(logits, mr * vocab, vocab);
                                if (haveLse) {
                                    rowLse = lse[mr];
                                } else {
                                    System.arraycopy(logits, mr * vocab, work, 0, vocab);
                                    rowLse = LogitsMath.logSumExpWithMax(work, vocab, rowCand.score[0], scratch, half);
                                }
                            }
                            float bs = beamScores[beam];
                            for (int i = 0; i < rowCand.size; i++) {
                                float logprob = rowCand.score[i] - rowLse;
                                cand.offer(logprob + bs, jj * vocab + rowCand.index[i]);
                            }
                            continue;
                        }
                        if (jj == 0 || !firstStep) {
                            int mr = modelRowOf[beam];
                            System.arraycopy(logits, mr * vocab, work, 0, vocab);
                            rowLse = haveLse ? lse[mr] : LogitsMath.logSumExp(work, vocab, scratch, half);
                            LogitsMath.subtract(work, vocab, rowLse);
                            if (g > 0 && diversity > 0f) {
                                penaliseEarlierGroups(work, currentTokens, b * k, g * gs, diversity);
                            }
                            ProcessorChain.apply(processors, hist[beam], curLen, work, vocab);
                        }
                        if (recorded != null) {
                            recorded[beam] = Arrays.copyOf(work, vocab);
                        }
                        cand.scan(work, vocab, beamScores[beam], jj * vocab);
                    }
                    int filled = 0;
                    for (int rank = 0; rank < cand.size && filled < gs; rank++) {
                        int token = cand.index[rank] % vocab;
                        int parentInGroup = cand.index[rank] / vocab;
                        float score = cand.score[rank];
                        int parentBeam = base + parentInGroup;
                        if (config.isEos(token)) {
                            if (rank >= gs) {
                                continue;
                            }
                            int[] tokens = Arrays.copyOfRange(hist[parentBeam], 1, curLen + 1);
                            tokens[curLen - 1] = token;
                            hyps[hg].add(tokens, score, curLen, true);
                        } else {
                            newScore[base + filled] = score;
                            newToken[base + filled] = token;
                            newParent[base + filled] = g * gs + parentInGroup;
                            filled++;
                        }
                    }
                    if (filled < gs) {
                        throw new IllegalStateException("beam search step " + curLen + ", item " + b + ": only "
                                + filled + " of " + gs + " beams could be filled from " + cand.size
                                + " candidates (too many eos candidates)");
                    }
                    groupDone[hg] = hyps[hg].isDone(cand.score[0], curLen);
                    for (int jj = 0; jj < gs; jj++) {
                        currentTokens[base + jj] = newToken[base + jj];
                    }
                }
            }
            if (recorded != null) {
                stepScores.add(recorded);
            }
            for (int beam = 0; beam < beams; beam++) {
                int b = beam / k;
                int src = itemDone[b] ? beam : b * k + newParent[beam];
                System.arraycopy(hist[src], 0, histNext[beam], 0, curLen);
                histNext[beam][curLen] = itemDone[b] ? pad : newToken[beam];
                if (!itemDone[b]) {
                    beamScores[beam] = newScore[beam];
                }
            }
            int[][] t = hist;
            hist = histNext;
            histNext = t;
            if (listener != null) {
                for (int beam = 0; beam < beams; beam++) {
                    int b = beam / k;
                    int j = beam % k;
                    if (!itemDone[b] && !groupDoneBefore[b * groups + j / gs]) {
                        listener.onToken(b, j, newParent[beam], newToken[beam]);
                    }
                }
            }
            curLen++;
            boolean allDone = true;
            for (int b = 0; b < items; b++) {
                boolean done = true;
                for (int g = 0; g < groups; g++) {
                    done &= groupDone[b * groups + g];
                }
                itemDone[b] = done;
                allDone &= done;
                if (done && !itemReported[b]) {
                    itemReported[b] = true;
                    if (listener != null) {
                        listener.onItemFinished(b);
                    }
                }
            }
            if (allDone || curLen == maxLen) {
                break;
            }
            int[] sel = new int[beams];
            int[] next = new int[beams];
            int[] nextRowOf = new int[beams];
            int live = 0;
            for (int beam = 0; beam < beams; beam++) {
                int b = beam / k;
                if (itemDone[b] && config.compactFinishedRows()) {
                    nextRowOf[beam] = -1;
                    continue;
                }
                // A beam continues its parent's model row; finished items and groups keep their own.
                int srcBeam = itemDone[b] || groupDone[b * groups + (beam % k) / gs] && groupDoneBefore[
                        b * groups + (beam % k) / gs] ? beam : b * k + newParent[beam];
                sel[live] = modelRowOf[srcBeam];
                next[live] = hist[beam][curLen - 1];
                nextRowOf[beam] = live;
                live++;
            }
            sel = Arrays.copyOf(sel, live);
            if (!TokenSearch.isIdentity(sel, lastTokens.length)) {
                model.selectRows(sel);
            }
            modelRowOf = nextRowOf;
            lastTokens = Arrays.copyOf(next, live);
        }
        for (int b = 0; b < items; b++) {
            if (!itemReported[b] && listener != null) {
                listener.onItemFinished(b);
            }
            for (int g = 0; g < groups; g++) {
                int hg = b * groups + g;
                if (groupDone[hg]) {
                    continue;
                }
                for (int jj = 0; jj < gs; jj++) {
                    int beam = b * k + g * gs + jj;
                    hyps[hg].add(Arrays.copyOfRange(hist[beam], 1, curLen), beamScores[beam], curLen - 1, false);
                }
            }
        }
        return new GenerationResult(leadingTokens, selectBest(hyps, items, groups), stepScores);
    }

    /** HF: subtract {@code penalty * count} from every token chosen by earlier groups of the item this step. */
    private static void penaliseEarlierGroups(float[] scores, int[] currentTokens, int itemBase, int earlier,
            float penalty) {
        for (int i = 0; i < earlier; i++) {
            int token = currentTokens[itemBase + i];
            boolean seen = false;
            for (int j = 0; j < i; j++) {
                seen |= currentTokens[itemBase + j] == token;
            }
            if (seen) {
                continue;
            }
            int count = 1;
            for (int j = i + 1; j < earlier; j++) {
                if (currentTokens[itemBase + j] == token) {
                    count++;
                }
            }
            scores[token] -= penalty * count;
        }
    }

    /** HF finalize: per item, pool every group's hypotheses, stable-sort ascending, pop the best. */
    private List<List<GeneratedSequence>> selectBest(BeamHypotheses[] hyps, int items, int groups) {
        List<List<GeneratedSequence>> out = new ArrayList<>();
        for (int b = 0; b < items; b++) {
            List<BeamHypotheses.Hypothesis> pool = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                pool.addAll(hyps[b * groups + g].beams());
            }
            pool.sort(Comparator.comparingDouble(BeamHypotheses.Hypothesis::score));
            List<GeneratedSequence> best = new ArrayList<>();
            for (int j = 0; j < config.numReturnSequences(); j++) {
                BeamHypotheses.Hypothesis h = pool.remove(pool.size() - 1);
                best.add(new GeneratedSequence(h.tokens(), h.score(), h.endsWithEos()));
            }
            out.add(best);
        }
        return out;
    }
}
