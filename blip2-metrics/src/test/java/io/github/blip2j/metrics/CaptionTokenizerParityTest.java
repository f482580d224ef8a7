package io.github.blip2j.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every caption of both fixture sets tokenizes exactly as pycocoevalcap's PTBTokenizer run did. */
class CaptionTokenizerParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"hand10", "coco500"})
    void everyCaptionMatchesTheReference(String set) {
        Fixture f = Fixture.load(set);
        // pycocoevalcap tokenizes all references as one file, then all candidates as another
        List<String> refs = new ArrayList<>();
        List<String> expectedRefs = new ArrayList<>();
        List<String> cands = new ArrayList<>();
        List<String> expectedCands = new ArrayList<>();
        for (String id : f.references().keySet()) {
            refs.addAll(f.references().get(id));
            for (Object t : TestJson.array(f.tokenized(id).get("refs"))) {
                expectedRefs.add((String) t);
            }
            cands.add(f.predictions().get(id));
            expectedCands.add((String) f.tokenized(id).get("candidate"));
        }

        List<String> mismatches = new ArrayList<>();
        compare(refs, CaptionTokenizer.ptb().tokenizeAll(refs), expectedRefs, mismatches);
        compare(cands, CaptionTokenizer.ptb().tokenizeAll(cands), expectedCands, mismatches);

        assertThat(refs.size() + cands.size()).isEqualTo(expectedRefs.size() + expectedCands.size()).isPositive();
        assertThat(mismatches).as("captions tokenized differently from pycocoevalcap").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7})
    void resultDoesNotDependOnThreadCount(int threads) {
        Fixture f = Fixture.load("coco500");
        List<String> refs = new ArrayList<>();
        f.references().values().forEach(refs::addAll);
        assertThat(CaptionTokenizer.ptb().tokenizeAll(refs, Parallelism.threads(threads)))
                .isEqualTo(CaptionTokenizer.ptb().tokenizeAll(refs, Parallelism.sequential()));
    }

    private static void compare(List<String> raw, List<String> got, List<String> expected, List<String> mismatches) {
        assertThat(got).hasSameSizeAs(expected);
        for (int i = 0; i < got.size(); i++) {
            if (!got.get(i).equals(expected.get(i))) {
                mismatches.add(raw.get(i) + " -> got [" + got.get(i) + "] expected [" + expected.get(i) + "]");
            }
        }
    }
}
