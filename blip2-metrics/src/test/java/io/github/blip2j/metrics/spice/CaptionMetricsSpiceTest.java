package io.github.blip2j.metrics.spice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blip2j.metrics.CaptionMetrics;
import io.github.blip2j.metrics.MetricReport;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SPICE wiring in blip2-metrics, where the module that computes it (blip2-spice) is absent: the
 * builder's message, and the scorer, report and JSON around a stand-in provider. Parity with
 * SPICE 1.0 itself is tested in blip2-spice.
 */
class CaptionMetricsSpiceTest {

    /**
     * Stand-in: objects = the candidate's distinct words of 4+ letters; tp = those found in some
     * reference; Object carries the counts, the attribute subsets have no reference tuple (NaN).
     */
    static final class WordOverlapProvider implements SpiceProvider {
        final AtomicInteger calls = new AtomicInteger();
        int lastThreads;
        Path lastCacheFile;

        @Override
        public String description() {
            return "word overlap stand-in";
        }

        @Override
        public Map<String, SpiceImageScore> score(Map<String, List<String>> references, Map<String, String> candidates,
                                                  int threads, Path cacheFile) {
            calls.incrementAndGet();
            lastThreads = threads;
            lastCacheFile = cacheFile;
            Map<String, SpiceImageScore> out = new LinkedHashMap<>();
            references.forEach((id, refs) -> out.put(id, overlap(candidates.get(id), refs)));
            return out;
        }

        static SpiceImageScore overlap(String candidate, List<String> refs) {
            Set<String> cand = words(candidate);
            Set<String> ref = new java.util.LinkedHashSet<>();
            refs.forEach(r -> ref.addAll(words(r)));
            int tp = (int) cand.stream().filter(ref::contains).count();
            int fp = cand.size() - tp;
            int fn = ref.size() - tp;
            double pr = cand.isEmpty() ? 0.0 : (double) tp / cand.size();
            double re = ref.isEmpty() ? 0.0 : (double) tp / ref.size();
            double f = pr > 0 && re > 0 ? 2 * pr * re / (pr + re) : 0.0;
            Map<SpiceCategory, SpiceCategoryScore> m = new EnumMap<>(SpiceCategory.class);
            for (SpiceCategory c : SpiceCategory.values()) {
                boolean counted = c == SpiceCategory.ALL || c == SpiceCategory.OBJECT;
                m.put(c, counted ? new SpiceCategoryScore(tp, fp, fn, pr, re, f)
                        : new SpiceCategoryScore(0, 0, 0, Double.NaN, Double.NaN, Double.NaN));
            }
            return new SpiceImageScore(m);
        }

        private static Set<String> words(String caption) {
            Set<String> out = new java.util.LinkedHashSet<>();
            Arrays.stream(caption.split(" ")).filter(w -> w.length() >= 4).forEach(out::add);
            return out;
        }
    }

    private static final Map<String, String> PREDICTIONS = Map.of(
            "1", "A man riding a horse on the beach.",
            "2", "Two dogs playing in the grass",
            "3", "");
    private static final Map<String, List<String>> REFERENCES = new LinkedHashMap<>(Map.of());

    static {
        REFERENCES.put("1", List.of("A person rides a horse along the beach", "man on horseback"));
        REFERENCES.put("2", List.of("Dogs chase a frisbee in the park."));
        REFERENCES.put("3", List.of("A cat sitting on a couch"));
    }

    @Test
    void withoutBlip2SpiceBuildSaysWhichArtifactToAddAndWhy() {
        assertThat(SpiceProviders.find()).as("blip2-metrics' own class path has no provider").isEmpty();
        CaptionMetrics.Builder builder = CaptionMetrics.builder().bleu().spice();
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("io.github.blip2j:blip2-spice:0.1.0-SNAPSHOT")
                .hasMessageContaining("<artifactId>blip2-spice</artifactId>")
                .hasMessageContaining("GPL")
                .hasMessageContaining("400 MB");
    }

    @Test
    void lookupWithABareClassLoaderFindsNothing() {
        ClassLoader bare = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());
        assertThat(SpiceProviders.find(bare)).isEmpty();
        assertThatThrownBy(() -> SpiceProviders.require(bare))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(SpiceProviders.MISSING_MESSAGE);
    }

    @Test
    void spiceIsScoredOnTokenizedCaptionsInOneBatchAndReportedPerImageWithDetail() throws Exception {
        WordOverlapProvider provider = new WordOverlapProvider();
        Path cache = Path.of("parses.bin");
        MetricReport report = CaptionMetrics.builder().bleu(1).add(new SpiceScorer(provider, cache)).threads(3).build()
                .evaluate(PREDICTIONS, REFERENCES);

        assertThat(provider.calls).hasValue(1);
        assertThat(provider.lastThreads).isEqualTo(3);
        assertThat(provider.lastCacheFile).isEqualTo(cache);
        // tokenized (lower case, punctuation gone) before scoring: "beach." matched "beach"
        SpiceImageScore first = report.spiceDetail().get("1");
        SpiceImageScore expected = WordOverlapProvider.overlap("a man riding a horse on the beach",
                List.of("a person rides a horse along the beach", "man on horseback"));
        assertThat(first).isEqualTo(expected);
        assertThat(first.get(SpiceCategory.ALL).truePositives()).isEqualTo(2);

        double[] perImage = new double[3];
        int i = 0;
        for (String id : List.of("1", "2", "3")) {
            perImage[i] = report.spiceDetail().get(id).spice();
            assertThat(report.perImage().get(id).get("SPICE")).isEqualTo(perImage[i]);
            i++;
        }
        assertThat(report.corpus("SPICE")).isCloseTo((perImage[0] + perImage[1] + perImage[2]) / 3, within(1e-15));
        assertThat(report.signatures().get("SPICE")).startsWith("SPICE-1.0[").contains("word overlap stand-in");

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        JsonNode detail = json.get("per_image").get("1").get("SPICE_detail");
        assertThat(json.get("per_image").get("1").get("SPICE").asDouble()).isEqualTo(perImage[0]);
        assertThat(detail.fieldNames()).toIterable()
                .containsExactly("All", "Object", "Attribute", "Relation", "Cardinality", "Color", "Size");
        assertThat(detail.get("All").fieldNames()).toIterable()
                .containsExactly("pr", "re", "f", "fn", "numImages", "fp", "tp");
        assertThat(detail.get("Object").get("tp").asDouble()).isEqualTo(2.0);
        assertThat(detail.get("Object").get("numImages").asDouble()).isEqualTo(1.0);
        assertThat(detail.get("Attribute").get("pr").isNull()).isTrue();
        assertThat(detail.get("All").get("f").asDouble()).isEqualTo(perImage[0]);
    }

    @Test
    void perImageStatisticsPathAgreesWithTheBatchPath() {
        WordOverlapProvider provider = new WordOverlapProvider();
        SpiceScorer scorer = new SpiceScorer(provider, null);
        io.github.blip2j.metrics.TokenizedCorpus corpus = io.github.blip2j.metrics.TokenizedCorpus.of(
                List.of("a", "b"), List.of("a man riding", "two dogs"),
                List.of(List.of("a man riding a horse"), List.of("some cats")));
        io.github.blip2j.metrics.MetricScores whole = scorer.score(corpus, io.github.blip2j.metrics.Parallelism.threads(2));
        List<SpiceImageScore> stats = corpus.images().stream().map(scorer::imageStats).toList();
        io.github.blip2j.metrics.MetricScores reduced = scorer.reduce(corpus, stats,
                io.github.blip2j.metrics.Parallelism.threads(1));
        assertThat(reduced).isEqualTo(whole);
        assertThat(whole.details()).hasSize(2);
    }

    @Test
    void reportWithoutSpiceHasNoDetails() {
        MetricReport report = CaptionMetrics.builder().bleu(1).build().evaluate(PREDICTIONS, REFERENCES);
        assertThat(report.details()).isEmpty();
        assertThat(report.spiceDetail()).isEmpty();
        assertThat(report.toJson()).doesNotContain("SPICE");
    }

    @Test
    void imageScoreNeedsEveryCategory() {
        assertThatThrownBy(() -> new SpiceImageScore(Map.of(SpiceCategory.ALL, new SpiceCategoryScore(0, 0, 0, 0, 0, 0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("categories")
                .hasMessageContaining("CARDINALITY");
    }
}
