package io.github.blip2j.metrics.meteor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeteorBuilderTest {

    @Test
    void validatesEveryFieldEagerly() {
        assertThatThrownBy(() -> Meteor.builder().parameters(1.5, 0.2, 0.6, 0.75))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("alpha must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> Meteor.builder().parameters(0.85, -1, 0.6, 0.75))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("beta must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> Meteor.builder().parameters(0.85, 0.2, Double.NaN, 0.75))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gamma must be in [0, 1], got NaN");
        assertThatThrownBy(() -> Meteor.builder().moduleWeights(1, 0.6, -0.8, 0.6))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("moduleWeights.synonym must be finite and >= 0, got -0.8");
        assertThatThrownBy(() -> Meteor.builder().beamSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("beamSize must be >= 1, got 0");
        assertThatThrownBy(() -> Meteor.builder().parallelism(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("parallelism must be >= 1, got 0");
        assertThatThrownBy(() -> Meteor.builder().paraphraseTable(Path.of("no/such/paraphrase-en.gz")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("paraphraseTable").hasMessageContaining("no/such");
    }

    @Test
    void rejectsAnIncompleteParaphraseTable(@TempDir Path dir) throws IOException {
        Path table = dir.resolve("broken.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(table))) {
            out.write("0.5\non top of\natop\n0.5\nbeside\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> Meteor.builder().paraphraseTable(table).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken.gz").hasMessageContaining("line 6");
    }

    @Test
    void rejectsMismatchedOrMissingReferences() {
        Meteor meteor = Meteor.builder().build();
        assertThatThrownBy(() -> meteor.evaluate(List.of("a", "b"), List.of(List.of("a"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 hypotheses and 1 reference lists");
        assertThatThrownBy(() -> meteor.evaluate(List.of("a", "b"), List.of(List.of("a"), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image 1");
        assertThatThrownBy(() -> meteor.stats("a", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one reference");
    }

    @Test
    void parametersChangeTheScoreButNotTheStatistics() {
        Meteor standard = Meteor.builder().build();
        Meteor custom = Meteor.builder().parameters(0.5, 1.0, 0.5, 0.5).moduleWeights(1, 1, 1, 1).build();
        MeteorStats stats = standard.stats("two dogs sit on a sofa", List.of("a dog sitting on the couch"));
        assertThat(custom.stats("two dogs sit on a sofa", List.of("a dog sitting on the couch"))).isEqualTo(stats);
        assertThat(custom.score(stats)).isNotEqualTo(standard.score(stats));
        assertThat(stats.testContentMatches(Aligner.STEM) + stats.testContentMatches(Aligner.SYNONYM)).isPositive();
    }

    @Test
    void wrapperSplitsReferencesOnTripleBarsAndDropsThemFromHypotheses() {
        Meteor meteor = Meteor.builder().build();
        MeteorResult piped = meteor.evaluate(List.of("a dog ||| runs"), List.of(List.of("a cat ||| a dog runs")));
        MeteorStats direct = meteor.stats("a dog  runs", List.of("a cat", "a dog runs"));
        assertThat(piped.imageStats().get(0)).isEqualTo(direct);
    }
}
