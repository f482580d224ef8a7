package io.github.blip2j.decoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A deliberately plain, independent transcription of transformers v4.36.2 {@code group_beam_search}
 * + {@code BeamSearchScorer} + {@code BeamHypotheses} (plain beam search is one group), written
 * the Python way: whole sequences per row, a full sort of every candidate, HF's row indices even for
 * finished items. It shares no code with the strategies; tests check that both make the same choices.
 * Scores use float32 where HF's tensors are float32 and double where HF uses Python floats.
 */
final class HfBeamReference {

    record Hyp(double score, int[] sequence, boolean eos) {}

    record Params(int numBeams, int numBeamGroups, double diversityPenalty, double lengthPenalty,
            EarlyStopping earlyStopping, int maxNewTokens, int[] eos, int pad, int numReturnSequences) {}

    private HfBeamReference() {}

    /** Returns, per item, the new tokens and scores of the returned sequences, best first. */
    static List<List<GeneratedSequence>> run(ToyModel.LogitsFn fn, int vocab, int[] leading, Params p) {
        int batch = leading.length;
        int k = p.numBeams();
        int groups = p.numBeamGroups();
        int gs = k / groups;
        int maxLength = 1 + p.maxNewTokens();
        List<int[]> inputIds = new ArrayList<>();
        float[] beamScores = new float[batch * k];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < k; j++) {
                inputIds.add(new int[] {leading[b]});
                beamScores[b * k + j] = j % gs == 0 ? 0f : -1e9f;
            }
        }
        List<List<Hyp>> hyps = new ArrayList<>();
        double[] worst = new double[batch * groups];
        boolean[] done = new boolean[batch * groups];
        for (int i = 0; i < batch * groups; i++) {
            hyps.add(new ArrayList<>());
            worst[i] = 1e9;
        }
        int curLen = 1;
        while (true) {
            float[][] logits = new float[batch * k][];
            for (int r = 0; r < batch * k; r++) {
                logits[r] = fn.logits(inputIds.get(r));
            }
            int[] currentTokens = new int[batch * k];
            int[] reordering = new int[batch * k];
            List<int[]> nextIds = new ArrayList<>(inputIds);
            for (int g = 0; g < groups; g++) {
                int start = g * gs;
                List<Integer> groupRows = new ArrayList<>();
                for (int b = 0; b < batch; b++) {
                    for (int j = start; j < start + gs; j++) {
                        groupRows.add(b * k + j);
                    }
                }
                // log_softmax, diversity penalty, + beam score.
                float[][] next = new float[groupRows.size()][vocab];
                for (int i = 0; i < groupRows.size(); i++) {
                    int row = groupRows.get(i);
                    float lse = ToyModel.logSumExp(logits[row]);
                    for (int t = 0; t < vocab; t++) {
                        next[i][t] = logits[row][t] - lse;
                    }
                    if (start > 0 && p.diversityPenalty() > 0) {
                        int b = row / k;
                        int[] freq = new int[vocab];
                        for (int j = 0; j < start; j++) {
                            freq[currentTokens[b * k + j]]++;
                        }
                        for (int t = 0; t < vocab; t++) {
                            next[i][t] -= (float) p.diversityPenalty() * freq[t];
                        }
                    }
                    for (int t = 0; t < vocab; t++) {
                        next[i][t] = next[i][t] + beamScores[row];
                    }
                }
                int topN = Math.max(2, 1 + p.eos().length) * gs;
                int[] groupNextTokens = new int[groupRows.size()];
                int[] groupNextSource = new int[groupRows.size()];
                float[] groupNextScores = new float[groupRows.size()];
                for (int b = 0; b < batch; b++) {
                    int hg = b * groups + g;
                    if (done[hg]) {
                        for (int jj = 0; jj < gs; jj++) {
                            groupNextScores[b * gs + jj] = 0f;
                            groupNextTokens[b * gs + jj] = p.pad();
                            groupNextSource[b * gs + jj] = 0; // HF: index 0 of the group's rows
                        }
                        continue;
                    }
                    Integer[] order = new Integer[gs * vocab];
                    for (int i = 0; i < order.length; i++) {
                        order[i] = i;
                    }
                    final int bb = b;
                    Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -next[bb * gs + i / vocab][i % vocab])
                            .thenComparingInt(i -> i));
                    int beamIdx = 0;
                    for (int rank = 0; rank < topN; rank++) {
                        int flat = order[rank];
                        int token = flat % vocab;
                        int src = flat / vocab;
                        float score = next[b * gs + src][token];
                        int groupRow = b * gs + src;
                        if (contains(p.eos(), token)) {
                            if (rank >= gs) {
                                continue;
                            }
                            int[] seq = Arrays.copyOf(inputIds.get(groupRows.get(groupRow)), curLen + 1);
                            seq[curLen] = token;
                            add(hyps.get(hg), worst, hg, gs, seq, score, curLen, true, p.lengthPenalty());
                        } else {
                            groupNextScores[b * gs + beamIdx] = score;
                            groupNextTokens[b * gs + beamIdx] = token;
                            groupNextSource[b * gs + beamIdx] = groupRow;
                            beamIdx++;
                        }
                        if (beamIdx == gs) {
                            break;
                        }
                    }
                    float best = next[b * gs + order[0] / vocab][order[0] % vocab];
                    done[hg] = done[hg] || isDone(hyps.get(hg), worst[hg], gs, best, curLen, p, maxLength);
                }
                for (int i = 0; i < groupRows.size(); i++) {
                    int row = groupRows.get(i);
                    int[] src = inputIds.get(groupRows.get(groupNextSource[i]));
                    int[] seq = Arrays.copyOf(src, curLen + 1);
                    seq[curLen] = groupNextTokens[i];
                    nextIds.set(row, seq);
                    beamScores[row] = groupNextScores[i];
                    currentTokens[row] = groupNextTokens[i];
                    reordering[row] = groupRows.get(groupNextSource[i]);
                }
            }
            inputIds = nextIds;
            curLen++;
            boolean allDone = true;
            for (boolean d : done) {
                allDone &= d;
            }
            if (allDone || curLen >= maxLength) {
                break;
            }
        }
        for (int hg = 0; hg < batch * groups; hg++) {
            if (done[hg]) {
                continue;
            }
            int b = hg / groups;
            int g = hg % groups;
            for (int jj = 0; jj < gs; jj++) {
                int row = b * k + g * gs + jj;
                add(hyps.get(hg), worst, hg, gs, inputIds.get(row), beamScores[row], curLen - 1, false,
                        p.lengthPenalty());
            }
        }
        List<List<GeneratedSequence>> out = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            List<Hyp> pool = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                pool.addAll(hyps.get(b * groups + g));
            }
            pool.sort(Comparator.comparingDouble(Hyp::score)); // Python's sorted(): stable
            List<GeneratedSequence> best = new ArrayList<>();
            for (int j = 0; j < p.numReturnSequences(); j++) {
                Hyp h = pool.remove(pool.size() - 1);
                best.add(new GeneratedSequence(Arrays.copyOfRange(h.sequence(), 1, h.sequence().length), h.score(),
                        h.eos()));
            }
            out.add(best);
        }
        return out;
    }

    private static void add(List<Hyp> beams, double[] worst, int hg, int capacity, int[] seq, float sumLogprobs,
            int generatedLen, boolean eos, double lengthPenalty) {
        double score = sumLogprobs / Math.pow(generatedLen, lengthPenalty);
        if (beams.size() < capacity || score > worst[hg]) {
            beams.add(new Hyp(score, seq, eos));
            if (beams.size() > capacity) {
                Integer[] idx = new Integer[beams.size()];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = i;
                }
                Arrays.sort(idx, Comparator.<Integer>comparingDouble(i -> beams.get(i).score()).thenComparingInt(i -> i));
                worst[hg] = beams.get(idx[1]).score();
                beams.remove((int) idx[0]);
            } else {
                worst[hg] = Math.min(score, worst[hg]);
            }
        }
    }

    private static boolean isDone(List<Hyp> beams, double worst, int capacity, float best, int curLen, Params p,
            int maxLength) {
        if (beams.size() < capacity) {
            return false;
        }
        double lp = p.lengthPenalty();
        switch (p.earlyStopping()) {
            case TRUE:
                return true;
            case FALSE:
                return worst >= best / Math.pow(curLen, lp);
            default:
                double denom = lp > 0 ? Math.pow(maxLength - 1, lp) : Math.pow(curLen, lp);
                return worst >= best / denom;
        }
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
