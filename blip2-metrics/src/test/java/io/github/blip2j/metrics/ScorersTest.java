package io.github.blip2j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Small hand-checkable cases and the stats-then-score contract. */
class ScorersTest {

    private static MetricReport evaluate(CaptionMetrics m, String[][] images) {
        Map<String, String> preds = new LinkedHashMap<>();
        Map<String, List<String>> refs = new LinkedHashMap<>();
        for (int i = 0; i < images.length; i++) {
            preds.put("img" + i, images[i][0]);
            refs.put("img" + i, List.of(images[i]).subList(1, images[i].length));
        }
        return m.evaluate(preds, refs);
    }

    @Test
    void bleuOfAnExactCopyIsAlmostOneAndOfAnEmptyCandidateZero() {
        MetricReport r = evaluate(CaptionMetrics.builder().bleu(4).build(), new String[][] {
            {"a man riding a horse", "a man riding a horse", "a person on a horse"},
            {"", "a cat on a couch"},
            {"dog", "a dog", "a dog running"}});
        assertThat(r.perImage().get("img0").get("Bleu_4")).isCloseTo(1.0, within(1e-9)).isLessThan(1.0);
        assertThat(r.perImage().get("img1").get("Bleu_1")).isZero();
        // one matching unigram, no bigram: tiny but positive, as with pycocoevalcap's 1e-15/1e-9
        assertThat(r.perImage().get("img2").get("Bleu_2")).isPositive().isLessThan(1e-3);
    }

    @Test
    void corpusBleuComesFromSummedStatistics() {
        Bleu bleu = new Bleu(4);
        TokenizedCorpus corpus = TokenizedCorpus.of(List.of("a", "b"), List.of("a man riding", "two dogs play in the park"),
                List.of(List.of("a man riding a horse"), List.of("two dogs playing in a park", "dogs play")));
        List<BleuStats> stats = new ArrayList<>();
        corpus.images().forEach(im -> stats.add(bleu.imageStats(im)));
        BleuStats total = stats.get(0).plus(stats.get(1));
        MetricScores scores = bleu.reduce(corpus, stats, Parallelism.sequential());
        assertThat(scores.corpus().get("Bleu_4")).isEqualTo(total.scores()[3]);
        assertThat(total.testLength()).isEqualTo(9);
        assertThat(total.referenceLength()).isEqualTo(5 + 6);
        assertThat(total.guess(1)).isEqualTo(9);
        assertThat(total.correct(1)).isEqualTo(3 + 5); // two dogs play in park; "the" is unmatched
        double mean = (scores.perImage().get(0).get("Bleu_4") + scores.perImage().get(1).get("Bleu_4")) / 2;
        assertThat(scores.corpus().get("Bleu_4")).isNotEqualTo(mean);
    }

    @Test
    void bleuStatsAreSummableInAnyGrouping() {
        BleuStats a = new BleuStats(3, 4, new long[] {3, 2}, new long[] {2, 1});
        BleuStats b = new BleuStats(5, 5, new long[] {5, 4}, new long[] {5, 4});
        BleuStats c = new BleuStats(1, 2, new long[] {1, 0}, new long[] {0, 0});
        assertThat(a.plus(b).plus(c).scores()).containsExactly(a.plus(b.plus(c)).scores());
        assertThat(BleuStats.zero(2).plus(a).scores()).containsExactly(a.scores());
    }

    @Test
    void rougeLTakesBestPrecisionAndRecallIndependently() {
        RougeL rouge = new RougeL();
        TokenizedCorpus corpus = TokenizedCorpus.of(List.of("x"), List.of("a b c d"),
                List.of(List.of("a b", "a b c d e f g h")));
        RougeLStats s = rouge.imageStats(corpus.images().get(0));
        assertThat(s.precision()).isEqualTo(1.0);          // 4/4 from the long reference
        assertThat(s.recall()).isEqualTo(1.0);             // 2/2 from the short one
        assertThat(s.f()).isEqualTo(1.0);
    }

    @Test
    void ciderIsZeroForASingleImageAndHigherForBetterCaptions() {
        MetricReport one = evaluate(CaptionMetrics.builder().cider().build(), new String[][] {{"a dog", "a dog"}});
        assertThat(one.corpus("CIDEr")).isZero();
        MetricReport two = evaluate(CaptionMetrics.builder().cider().build(), new String[][] {
            {"a brown dog runs on the grass", "a brown dog runs on the grass", "a dog running on grass"},
            {"a red bus", "a cat sleeping on a sofa", "a sleeping cat"}});
        assertThat(two.perImage().get("img0").get("CIDEr")).isGreaterThan(two.perImage().get("img1").get("CIDEr"));
        assertThat(two.perImage().get("img1").get("CIDEr")).isZero();
    }

    @Test
    void distinctCountsNGramsWithinCaptionsOnly() {
        MetricReport r = evaluate(CaptionMetrics.builder().distinct(1, 2).build(), new String[][] {
            {"a a a", "x"}, {"a b", "y"}, {"", "z"}});
        assertThat(r.corpus("Distinct_1")).isEqualTo(2.0 / 5);   // {a, b} of a a a a b
        assertThat(r.corpus("Distinct_2")).isEqualTo(2.0 / 3);   // {a a, a b} of (a a)(a a)(a b)
        assertThat(r.perImage().get("img0")).doesNotContainKey("Distinct_1");
        MetricReport empty = evaluate(CaptionMetrics.builder().distinct(3).build(), new String[][] {{"a b", "x"}});
        assertThat(empty.corpus("Distinct_3")).isZero();
    }

    @Test
    void selfBleuIsOneForIdenticalCandidatesAndZeroAlone() {
        MetricReport same = evaluate(CaptionMetrics.builder().selfBleu(4).build(), new String[][] {
            {"a dog runs in the park", "x"}, {"a dog runs in the park", "y"}, {"a dog runs in the park", "z"}});
        assertThat(same.corpus("SelfBLEU_4")).isCloseTo(1.0, within(1e-12));
        MetricReport alone = evaluate(CaptionMetrics.builder().selfBleu(2).build(), new String[][] {{"a dog", "x"}});
        assertThat(alone.corpus("SelfBLEU_2")).isZero();
        MetricReport disjoint = evaluate(CaptionMetrics.builder().selfBleu(2).build(), new String[][] {
            {"red bus", "x"}, {"green tree", "y"}});
        assertThat(disjoint.corpus("SelfBLEU_2")).isZero();
    }

    @Test
    void selfBleuUsesNltkMethod1Smoothing() {
        // hypothesis "a b c" vs other candidate "a b d": p1 = 2/3, p2 = 1/2, p3 = (0 + 0.1)/1; same length, bp = 1
        MetricReport r = evaluate(CaptionMetrics.builder().selfBleu(3).build(), new String[][] {
            {"a b c", "x"}, {"a b d", "y"}});
        double expected = Math.exp((Math.log(2.0 / 3) + Math.log(0.5) + Math.log(0.1)) / 3);
        assertThat(r.perImage().get("img0").get("SelfBLEU_3")).isCloseTo(expected, within(1e-15));
        assertThat(r.perImage().get("img0").get("SelfBLEU_2")).isCloseTo(Math.sqrt(2.0 / 3 * 0.5), within(1e-15));
    }

    @Test
    void reportJsonHasTheThreeSections() {
        MetricReport r = evaluate(CaptionMetrics.builder().bleu(1).cider().distinct(1).build(), new String[][] {
            {"a \"quoted\" dog", "a dog"}, {"cat", "a cat"}});
        Map<String, Object> json = TestJson.object(TestJson.parse(r.toJson()));
        assertThat(json.keySet()).containsExactly("corpus", "per_image", "signatures");
        assertThat(TestJson.object(json.get("corpus")).keySet()).containsExactly("Bleu_1", "CIDEr", "Distinct_1");
        assertThat(TestJson.object(json.get("per_image")).keySet()).containsExactly("img0", "img1");
        assertThat(TestJson.object(json.get("signatures"))).containsEntry("CIDEr", "CIDEr-D[sigma=6,idf=refs,tok=ptb]");
        double bleu = ((TestJson.Num) TestJson.object(json.get("corpus")).get("Bleu_1")).value();
        assertThat(bleu).isEqualTo(r.corpus("Bleu_1"));
    }
}
