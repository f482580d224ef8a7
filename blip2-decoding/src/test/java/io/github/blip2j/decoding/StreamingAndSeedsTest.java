package io.github.blip2j.decoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamingAndSeedsTest {

    private static final int VOCAB = 40;

    private static ToyModel model(int batch) {
        return new ToyModel(VOCAB, BeamSearchReferenceTest.eosFriendly(11, VOCAB, new int[] {1}), batch, false);
    }

    private static GenerationConfig.Builder cfg() {
        return GenerationConfig.builder().eosTokenIds(1).padTokenId(0).maxNewTokens(10);
    }

    /** Records streamed tokens per (item, sequence). */
    static final class Recorder implements TokenListener {
        final Map<String, List<Integer>> tokens = new HashMap<>();
        final List<Integer> finished = new ArrayList<>();
        final List<int[]> events = new ArrayList<>();

        @Override
        public void onToken(int item, int sequence, int parent, int token) {
            tokens.computeIfAbsent(item + "/" + sequence, k -> new ArrayList<>()).add(token);
            events.add(new int[] {item, sequence, parent, token});
        }

        @Override
        public void onItemFinished(int item) {
            finished.add(item);
        }
    }

    @Test
    void greedyAndSamplingStreamExactlyTheReturnedTokens() {
        for (GenerationConfig c : List.of(cfg().build(), cfg().doSample(true).numReturnSequences(3).seed(5L).build())) {
            Recorder rec = new Recorder();
            GenerationResult out = c.strategy().generate(model(4), new int[] {2, 3, 4, 5}, rec);
            for (int b = 0; b < 4; b++) {
                for (int s = 0; s < out.sequences(b).size(); s++) {
                    int[] streamed = rec.tokens.get(b + "/" + s).stream().mapToInt(Integer::intValue).toArray();
                    assertThat(streamed).isEqualTo(out.sequences(b).get(s).tokens());
                }
            }
            assertThat(rec.finished).containsExactlyInAnyOrder(0, 1, 2, 3);
        }
    }

    @Test
    void beamStreamingDescribesTheRunningBeams() {
        // Without eos the best hypothesis is a running beam at the limit: rebuilding the running beams
        // from (parent, token) events must produce it.
        GenerationConfig c = GenerationConfig.builder().numBeams(3).maxNewTokens(6).build();
        Recorder rec = new Recorder();
        GenerationResult out = c.strategy().generate(model(2), new int[] {2, 3}, rec);
        for (int b = 0; b < 2; b++) {
            List<List<Integer>> beams = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
            List<List<Integer>> next = new ArrayList<>(beams);
            int seen = 0;
            for (int[] e : rec.events) {
                if (e[0] != b) {
                    continue;
                }
                List<Integer> extended = new ArrayList<>(beams.get(e[2]));
                extended.add(e[3]);
                next.set(e[1], extended);
                if (++seen % 3 == 0) {
                    beams = new ArrayList<>(next);
                }
            }
            List<Integer> best = Arrays.stream(out.best(b).tokens()).boxed().toList();
            assertThat(beams).contains(best);
        }
        assertThat(rec.finished).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void samplingIsReproducibleAndIndependentOfTheRestOfTheBatch() {
        Sampling s = Sampling.builder().config(cfg().build()).topK(0).temperature(1.3).seed(99L).build();
        GenerationResult a = s.generate(model(3), new int[] {7, 8, 9});
        GenerationResult b = s.generate(model(3), new int[] {7, 20, 21});
        GenerationResult c = s.generate(model(1), new int[] {7});
        assertThat(b.sequences(0)).isEqualTo(a.sequences(0));
        assertThat(c.sequences(0)).isEqualTo(a.sequences(0));
        GenerationResult d = s.generate(model(3), new int[] {7, 8, 9});
        assertThat(d.items()).isEqualTo(a.items());
        GenerationResult other = Sampling.builder().config(s.config()).seed(100L).build().generate(model(3),
                new int[] {7, 8, 9});
        assertThat(other.items()).isNotEqualTo(a.items());
        // explicit per-item seeds follow the item wherever it sits in the batch
        GenerationResult e = s.generate(model(2), new int[] {7, 8}, new long[] {1L, 2L}, null);
        GenerationResult f = s.generate(model(2), new int[] {8, 7}, new long[] {2L, 1L}, null);
        assertThat(f.sequences(1)).isEqualTo(e.sequences(0));
        assertThat(f.sequences(0)).isEqualTo(e.sequences(1));
        // compaction does not change what is drawn
        GenerationResult g = Sampling.of(s.config().toBuilder().compactFinishedRows(false).build())
                .generate(model(3), new int[] {7, 8, 9});
        assertThat(g.items()).isEqualTo(a.items());
    }

    @Test
    void greedyDropsFinishedRowsAndStopsWhenAllAreDone() {
        ToyModel compact = model(6);
        ToyModel full = model(6);
        int[] lead = {2, 3, 4, 5, 6, 7};
        GenerationResult a = cfg().maxNewTokens(30).build().strategy().generate(compact, lead);
        GenerationResult b = cfg().maxNewTokens(30).compactFinishedRows(false).build().strategy().generate(full, lead);
        assertThat(a.items()).isEqualTo(b.items());
        int longest = a.items().stream().mapToInt(l -> l.get(0).length()).max().orElseThrow();
        assertThat(compact.calls).isEqualTo(longest);
        assertThat(compact.rowsComputed).isLessThan(full.rowsComputed);
        assertThat(full.rowsComputed).isEqualTo(6L * longest);
    }

    @Test
    void outputScoresHoldProcessedScoresPerStepAndRow() {
        GenerationConfig c = cfg().numBeams(2).outputScores(true).build();
        GenerationResult out = c.strategy().generate(model(2), new int[] {2, 3});
        assertThat(out.stepScores()).isNotEmpty();
        float[][] first = out.stepScores().get(0);
        assertThat(first).hasNumberOfRows(4);
        double mass = 0;
        for (float v : first[0]) {
            mass += Math.exp(v);
        }
        assertThat(mass).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4)); // log-probs
        GenerationResult greedy = cfg().outputScores(true).build().strategy().generate(model(2), new int[] {2, 3});
        for (int step = 0; step < greedy.stepScores().size(); step++) {
            for (int b = 0; b < 2; b++) {
                float[] row = greedy.stepScores().get(step)[b];
                if (step < greedy.best(b).length()) {
                    assertThat(LogitsMath.argmax(row, VOCAB)).isEqualTo(greedy.best(b).token(step));
                } else {
                    assertThat(row).isNull();
                }
            }
        }
        assertThat(cfg().build().strategy().generate(model(1), new int[] {2}).stepScores()).isEmpty();
    }
}
