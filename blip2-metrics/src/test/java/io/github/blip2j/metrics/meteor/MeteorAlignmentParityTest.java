package io.github.blip2j.metrics.meteor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blip2j.metrics.meteor.MeteorTestData.Image;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Statistics of Meteor 1.5 on seeded synthetic pairs built to stress the alignment search:
 * repeated words, reordered chunks, stems, WordNet synonyms, empty captions and 1-6 references
 * (stress.tsv), and a small paraphrase table (paraphrase.tsv). Every statistics line must be
 * identical, which pins the search's tie-breaking, not just the scores.
 */
class MeteorAlignmentParityTest {

    @Test
    void stressPairsMatchMeteorExactly() {
        assertSameStats(Meteor.builder().build(), MeteorTestData.pairs("stress.tsv"));
    }

    @Test
    void paraphraseTablePairsMatchMeteorExactly() throws URISyntaxException {
        Path table = Path.of(MeteorTestData.class.getResource("/meteor/paraphrase-table.gz").toURI());
        List<Image> pairs = MeteorTestData.pairs("paraphrase.tsv");
        assertSameStats(Meteor.builder().paraphraseTable(table).build(), pairs);
        assertThat(pairs).anySatisfy(p -> assertThat(p.expectedStats().testContentMatches(Aligner.PARAPHRASE)
                + p.expectedStats().testFunctionMatches(Aligner.PARAPHRASE)).isPositive());
    }

    private static void assertSameStats(Meteor meteor, List<Image> pairs) {
        List<String> mismatches = new ArrayList<>();
        for (Image p : pairs) {
            MeteorStats got = meteor.stats(p.hypothesis(), p.references());
            if (!got.equals(p.expectedStats())) {
                mismatches.add(p.id() + " hyp='" + p.hypothesis() + "' refs=" + p.references()
                        + "\n  expected " + p.expectedStats() + "\n  got      " + got);
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
