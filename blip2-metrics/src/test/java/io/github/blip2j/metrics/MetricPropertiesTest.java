package io.github.blip2j.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties that must hold for any caption set. */
class MetricPropertiesTest {

    private static final CaptionMetrics ALL = CaptionMetrics.builder().bleu().rougeL().cider().distinct(1, 2, 3, 4)
            .selfBleu().threads(2).build();

    @Provide
    Arbitrary<String> captions() {
        Arbitrary<String> word = Arbitraries.of("a", "A", "the", "dog", "dogs", "man", "riding", "horse", "on", "beach",
                "red", "'s", "don't", ",", ".", "!", "(", ")", "2", "1/2", "\u00e9t\u00e9", "...", "--", "\u00bd", "U.S.");
        return word.list().ofMaxSize(12).map(w -> String.join(" ", w));
    }

    private Map<String, List<String>> refs(List<String> captions, int perImage, int images) {
        Map<String, List<String>> refs = new LinkedHashMap<>();
        for (int i = 0; i < images; i++) {
            List<String> r = new ArrayList<>();
            for (int j = 0; j < perImage; j++) {
                r.add(captions.get((i * perImage + j + 1) % captions.size()));
            }
            refs.put("img" + i, r);
        }
        return refs;
    }

    @Property(tries = 60)
    void scoresStayInRange(@ForAll("captionLists") List<String> captions, @ForAll @IntRange(min = 1, max = 4) int perImage) {
        int images = Math.max(1, captions.size() / 2);
        Map<String, String> preds = new HashMap<>();
        for (int i = 0; i < images; i++) {
            preds.put("img" + i, captions.get(i));
        }
        MetricReport r = ALL.evaluate(preds, refs(captions, perImage, images));
        r.corpus().forEach((name, v) -> {
            if (name.equals("CIDEr")) {
                assertThat(v).as(name).isGreaterThanOrEqualTo(0.0).isLessThanOrEqualTo(10.0 + 1e-9);
            } else {
                assertThat(v).as(name).isBetween(0.0, 1.0 + 1e-12);
            }
        });
        r.perImage().values().forEach(row -> row.forEach((name, v) -> assertThat(v).as(name).isNotNaN().isGreaterThanOrEqualTo(0.0)));
    }

    @Property(tries = 30)
    void predictionMapOrderAndThreadCountDoNotMatter(@ForAll("captionLists") List<String> captions, @ForAll long seed) {
        int images = Math.max(1, captions.size() / 2);
        Map<String, List<String>> refs = refs(captions, 3, images);
        List<String> ids = new ArrayList<>(refs.keySet());
        Map<String, String> ordered = new LinkedHashMap<>();
        ids.forEach(id -> ordered.put(id, captions.get(ids.indexOf(id))));
        Collections.shuffle(ids, new Random(seed));
        Map<String, String> shuffled = new LinkedHashMap<>();
        ids.forEach(id -> shuffled.put(id, ordered.get(id)));
        String expected = ALL.evaluate(ordered, refs).toJson();
        assertThat(ALL.evaluate(shuffled, refs).toJson()).isEqualTo(expected);
        CaptionMetrics oneThread = CaptionMetrics.builder().bleu().rougeL().cider().distinct(1, 2, 3, 4).selfBleu().threads(1).build();
        assertThat(oneThread.evaluate(shuffled, refs).toJson()).isEqualTo(expected);
    }

    @Property(tries = 40)
    void aCandidateEqualToItsOnlyReferenceScoresPerfectRougeAndBleu1(@ForAll("captions") String caption) {
        MetricReport r = CaptionMetrics.builder().bleu(1).rougeL().build()
                .evaluate(Map.of("x", caption), Map.of("x", List.of(caption)));
        assertThat(r.corpus("ROUGE_L")).isEqualTo(1.0);
        String tokens = CaptionTokenizer.ptb().tokenize(caption);
        if (!tokens.isEmpty()) {
            // (c + 1e-15) / (g + 1e-9) and the matching brevity factor keep it just below 1
            assertThat(r.corpus("Bleu_1")).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-8)).isLessThan(1.0);
        }
    }

    @Property(tries = 60)
    void tokenizerOutputIsCleanlyJoinedAndFiltered(@ForAll("captions") String caption) {
        String t = CaptionTokenizer.ptb().tokenize(caption);
        assertThat(t).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("  ");
        if (!t.isEmpty()) {
            for (String token : t.split(" ")) {
                assertThat(token).isNotIn("''", "'", "``", "`", ".", "?", "!", ",", ":", "-", "--", "...", ";");
                assertThat(token).isEqualTo(token.toLowerCase(java.util.Locale.ENGLISH));
            }
        }
    }

    @Provide
    Arbitrary<List<String>> captionLists() {
        return captions().list().ofMinSize(2).ofMaxSize(12);
    }
}
