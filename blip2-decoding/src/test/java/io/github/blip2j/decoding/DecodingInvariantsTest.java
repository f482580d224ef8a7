package io.github.blip2j.decoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Invariants every strategy must keep, on random toy models and configs. */
class DecodingInvariantsTest {

    private static final int EOS = 1;
    private static final int PAD = 0;

    @Provide
    Arbitrary<GenerationMode> modes() {
        return Arbitraries.of(GenerationMode.GREEDY, GenerationMode.SAMPLE, GenerationMode.BEAM_SEARCH,
                GenerationMode.GROUP_BEAM_SEARCH);
    }

    private static GenerationConfig.Builder base(GenerationMode mode, int maxNew, long seed) {
        GenerationConfig.Builder b = GenerationConfig.builder().maxNewTokens(maxNew).eosTokenIds(EOS).padTokenId(PAD)
                .seed(seed);
        return switch (mode) {
            case GREEDY -> b;
            case SAMPLE -> b.doSample(true).topK(0).numReturnSequences(2);
            case BEAM_SEARCH -> b.numBeams(3).numReturnSequences(3);
            case GROUP_BEAM_SEARCH -> b.numBeams(4).numBeamGroups(2).diversityPenalty(1.0).numReturnSequences(3);
            default -> throw new IllegalArgumentException(mode.toString());
        };
    }

    private static GenerationResult run(GenerationConfig cfg, long seed, int vocab, int batch) {
        ToyModel.LogitsFn fn = BeamSearchReferenceTest.eosFriendly(seed, vocab, new int[] {EOS});
        int[] lead = new int[batch];
        for (int b = 0; b < batch; b++) {
            lead[b] = 2 + b % (vocab - 2);
        }
        return cfg.strategy().generate(new ToyModel(vocab, fn, batch, false), lead);
    }

    @Property(tries = 150)
    void beamScoresAreSortedBestFirst(@ForAll("modes") GenerationMode mode, @ForAll @LongRange(max = 100_000) long seed,
            @ForAll @IntRange(min = 1, max = 10) int maxNew) {
        if (mode != GenerationMode.BEAM_SEARCH && mode != GenerationMode.GROUP_BEAM_SEARCH) {
            return;
        }
        GenerationResult out = run(base(mode, maxNew, seed).build(), seed, 12, 3);
        for (List<GeneratedSequence> seqs : out.items()) {
            for (int j = 1; j < seqs.size(); j++) {
                assertThat(seqs.get(j).score()).isLessThanOrEqualTo(seqs.get(j - 1).score());
            }
        }
    }

    @Property(tries = 150)
    void nothingButPadAfterEos(@ForAll("modes") GenerationMode mode, @ForAll @LongRange(max = 100_000) long seed,
            @ForAll @IntRange(min = 1, max = 10) int maxNew) {
        GenerationResult out = run(base(mode, maxNew, seed).build(), seed, 12, 3);
        for (List<GeneratedSequence> seqs : out.items()) {
            for (GeneratedSequence s : seqs) {
                assertThat(s.length()).isBetween(1, maxNew);
                for (int i = 0; i < s.length() - 1; i++) {
                    assertThat(s.token(i)).isNotEqualTo(EOS);
                }
                assertThat(s.endsWithEos()).isEqualTo(s.token(s.length() - 1) == EOS);
                if (!s.endsWithEos()) {
                    assertThat(s.length()).isEqualTo(maxNew);
                }
            }
        }
        for (int[] row : out.toPaddedSequences(PAD)) {
            boolean ended = false;
            for (int i = 1; i < row.length; i++) {
                if (ended) {
                    assertThat(row[i]).isEqualTo(PAD);
                }
                ended |= row[i] == EOS;
            }
        }
    }

    @Property(tries = 150)
    void bannedNGramsNeverAppear(@ForAll("modes") GenerationMode mode, @ForAll @LongRange(max = 100_000) long seed,
            @ForAll @IntRange(min = 1, max = 3) int n) {
        // Small vocabulary and long outputs, so that repeats would be frequent without the ban.
        GenerationConfig cfg = base(mode, 12, seed).noRepeatNgramSize(n).build();
        GenerationResult out = run(cfg, seed, 10 + 4 * n, 2);
        int[][] rows = out.toPaddedSequences(PAD);
        List<List<GeneratedSequence>> items = out.items();
        int r = 0;
        for (List<GeneratedSequence> seqs : items) {
            for (GeneratedSequence s : seqs) {
                int len = 1 + s.length();
                Set<List<Integer>> seen = new HashSet<>();
                for (int i = 0; i + n <= len; i++) {
                    List<Integer> gram = new java.util.ArrayList<>();
                    for (int j = 0; j < n; j++) {
                        gram.add(rows[r][i + j]);
                    }
                    assertThat(seen.add(gram)).as("%d-gram %s repeats in %s", n, gram, s).isTrue();
                }
                r++;
            }
        }
    }

    @Property(tries = 150)
    void minNewTokensAndMinLengthAreRespected(@ForAll("modes") GenerationMode mode,
            @ForAll @LongRange(max = 100_000) long seed, @ForAll @IntRange(min = 0, max = 8) int minNew,
            @ForAll boolean viaMinLength) {
        GenerationConfig.Builder b = base(mode, 8, seed);
        GenerationConfig cfg = viaMinLength ? b.minLength(minNew + 1).build() : b.minNewTokens(minNew).build();
        GenerationResult out = run(cfg, seed, 12, 3);
        for (List<GeneratedSequence> seqs : out.items()) {
            for (GeneratedSequence s : seqs) {
                if (s.endsWithEos()) {
                    assertThat(s.length()).as("%s", s).isGreaterThan(minNew);
                } else {
                    assertThat(s.length()).isEqualTo(8);
                }
            }
        }
    }

    @Property(tries = 60)
    void forcedEosEndsEveryUnfinishedSequenceAtTheLimit(@ForAll("modes") GenerationMode mode,
            @ForAll @LongRange(max = 100_000) long seed, @ForAll @IntRange(min = 1, max = 8) int maxNew) {
        GenerationConfig cfg = base(mode, maxNew, seed).forcedEosTokenIds(EOS).build();
        GenerationResult out = run(cfg, seed, 12, 2);
        for (List<GeneratedSequence> seqs : out.items()) {
            for (GeneratedSequence s : seqs) {
                assertThat(s.endsWithEos()).as("%s", s).isTrue();
            }
        }
    }
}
