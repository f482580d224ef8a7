package io.github.blip2j.decoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Beam search and group beam search against {@link HfBeamReference}, an independent transcription
 * of HF's bookkeeping, on toy models whose logits depend on the whole prefix (so a wrong row
 * reordering shows up as different logits). With the model supplying the exact log-sum-exp both
 * sides do the same float32 arithmetic, so ids and scores must agree exactly.
 */
class BeamSearchReferenceTest {

    private static final EarlyStopping[] STOPPING = EarlyStopping.values();
    private static final double[] LENGTH_PENALTIES = {1.0, 2.0, 0.5, 0.0, -1.0};

    /** A toy model that likes eos enough for hypotheses to finish at all lengths. */
    static ToyModel.LogitsFn eosFriendly(long seed, int vocab, int[] eos) {
        ToyModel.LogitsFn base = ToyModel.prefixHash(seed, vocab, 2.0);
        return prefix -> {
            float[] l = base.logits(prefix);
            for (int e : eos) {
                l[e] += 1.5f;
            }
            return l;
        };
    }

    record Case(int vocab, int batch, int numBeams, int groups, double diversity, double lengthPenalty,
            EarlyStopping stopping, int maxNew, int[] eos, int numReturn, boolean compact) {

        static Case random(long seed) {
            Random r = new Random(seed);
            int groups = 1 + r.nextInt(2);
            int perGroup = 1 + r.nextInt(3);
            int numBeams = groups * perGroup;
            int vocab = 6 + r.nextInt(20);
            int[] eos = r.nextInt(4) == 0 ? new int[] {1, 2} : r.nextInt(8) == 0 ? new int[0] : new int[] {1};
            return new Case(vocab, 1 + r.nextInt(3), numBeams, groups, groups > 1 ? 0.5 + r.nextInt(3) : 0.0,
                    LENGTH_PENALTIES[r.nextInt(LENGTH_PENALTIES.length)], STOPPING[r.nextInt(STOPPING.length)],
                    1 + r.nextInt(8), eos, 1 + r.nextInt(numBeams), r.nextBoolean());
        }

        /** Beam search even for one beam (where the config alone would pick greedy search). */
        DecodingStrategy strategy() {
            return groups > 1 ? GroupBeamSearch.of(config()) : BeamSearch.of(config());
        }

        GenerationConfig config() {
            return GenerationConfig.builder().numBeams(numBeams).numBeamGroups(groups).diversityPenalty(diversity)
                    .lengthPenalty(lengthPenalty).earlyStopping(stopping).maxNewTokens(maxNew).eosTokenIds(eos)
                    .padTokenId(0).numReturnSequences(numReturn).compactFinishedRows(compact).build();
        }

        HfBeamReference.Params params() {
            return new HfBeamReference.Params(numBeams, groups, diversity, lengthPenalty, stopping, maxNew, eos, 0,
                    numReturn);
        }

        int[] leading() {
            int[] lead = new int[batch];
            for (int b = 0; b < batch; b++) {
                lead[b] = (3 + b) % vocab;
            }
            return lead;
        }
    }

    @Property(tries = 300)
    void choicesAndScoresEqualHfReference(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        Case c = Case.random(seed);
        ToyModel.LogitsFn fn = eosFriendly(seed, c.vocab(), c.eos());
        ToyModel model = new ToyModel(c.vocab(), fn, c.batch(), true);
        GenerationResult ours = c.strategy().generate(model, c.leading());
        List<List<GeneratedSequence>> ref = HfBeamReference.run(fn, c.vocab(), c.leading(), c.params());
        assertThat(ours.items()).as("%s", c).isEqualTo(ref);
    }

    @Test
    void cpuLogSumExpGivesTheSameChoicesAndScoresWithinRelative1e5() {
        for (long seed = 0; seed < 200; seed++) {
            Case c = Case.random(seed);
            ToyModel.LogitsFn fn = eosFriendly(seed, c.vocab(), c.eos());
            ToyModel model = new ToyModel(c.vocab(), fn, c.batch(), false);
            GenerationResult ours = c.strategy().generate(model, c.leading());
            List<List<GeneratedSequence>> ref = HfBeamReference.run(fn, c.vocab(), c.leading(), c.params());
            for (int b = 0; b < c.batch(); b++) {
                for (int j = 0; j < c.numReturn(); j++) {
                    GeneratedSequence o = ours.sequences(b).get(j);
                    GeneratedSequence r = ref.get(b).get(j);
                    assertThat(o.tokens()).as("seed %d %s", seed, c).isEqualTo(r.tokens());
                    // float32 running sums of up to 8 log-probs whose log-sum-exp differs by ~1e-6
                    assertThat(o.score()).as("seed %d", seed)
                            .isCloseTo(r.score(), within(1e-5 * Math.max(1, Math.abs(r.score()))));
                }
            }
        }
    }

    @Property(tries = 100)
    void compactingFinishedRowsChangesNothingButTheWork(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 2, max = 4) int batch) {
        Case c = Case.random(seed);
        ToyModel.LogitsFn fn = eosFriendly(seed, c.vocab(), c.eos());
        int[] lead = new int[batch];
        GenerationConfig cfg = c.config();
        ToyModel full = new ToyModel(c.vocab(), fn, batch, true);
        ToyModel compacted = new ToyModel(c.vocab(), fn, batch, true);
        GenerationResult a = BeamSearch.of(cfg.toBuilder().compactFinishedRows(false).numBeamGroups(1).build()).generate(full, lead);
        GenerationResult b = BeamSearch.of(cfg.toBuilder().compactFinishedRows(true).numBeamGroups(1).build()).generate(compacted, lead);
        assertThat(b.items()).isEqualTo(a.items());
        assertThat(compacted.rowsComputed).isLessThanOrEqualTo(full.rowsComputed);
    }

    @Test
    void firstStepRunsOneRowPerItemAndTheModelNeverSeesMoreThanBatchTimesBeams() {
        int vocab = 30;
        ToyModel model = new ToyModel(vocab, ToyModel.prefixHash(7, vocab, 2.0), 3, false);
        GenerationConfig cfg = GenerationConfig.builder().numBeams(4).maxNewTokens(5).eosTokenIds(1).padTokenId(0)
                .build();
        cfg.strategy().generate(model, new int[] {2, 2, 2});
        assertThat(model.selections.get(0)).containsExactly(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2);
        assertThat(model.maxRows).isEqualTo(12);
    }
}
