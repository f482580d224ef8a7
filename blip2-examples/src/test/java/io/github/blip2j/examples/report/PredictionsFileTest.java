package io.github.blip2j.examples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionsFileTest {

    @TempDir
    Path tmp;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void readsCocoResultsCaptionJsonObjectMapsAndTabLines() throws IOException {
        Map<String, String> expected = Map.of("a.png", "a red circle", "b.png", "two shapes");
        assertThat(PredictionsFile.read(file("coco.json",
                "[{\"image_id\": \"a.png\", \"caption\": \"a red circle\"}, {\"image_id\": \"b.png\", \"caption\": \"two shapes\"}]")))
                .isEqualTo(expected);
        assertThat(PredictionsFile.read(file("caption.json", "[{\"image\": \"a.png\", \"caption\": \"a red circle\","
                + " \"token_ids\": [4, 5], \"score\": -1.2}, {\"image\": \"a.png\", \"caption\": \"second sequence\"},"
                + " {\"image\": \"b.png\", \"caption\": \"two shapes\"}]"))).isEqualTo(expected);
        assertThat(PredictionsFile.read(file("map.json", "{\"a.png\": \"a red circle\", \"b.png\": \"two shapes\"}")))
                .isEqualTo(expected);
        assertThat(PredictionsFile.read(file("out.tsv", "a.png\ta red circle\n\nb.png\ttwo shapes\n"))).isEqualTo(expected);
    }

    @Test
    void pathsAreMatchedToReferenceIdsByFileName() throws IOException {
        Path f = file("p.tsv", "photos/a.png\tx\nb.png\ty\n");
        Map<String, String> m = PredictionsFile.matchIds(PredictionsFile.read(f), Set.of("a.png", "b.png"), f);
        assertThat(m).containsExactly(Map.entry("a.png", "x"), Map.entry("b.png", "y"));
        assertThatThrownBy(() -> PredictionsFile.matchIds(Map.of("c.png", "z"), Set.of("a.png"), f))
                .hasMessageContaining("'c.png' has no reference captions");
    }

    @Test
    void malformedInputNamesTheFileAndPlace() throws IOException {
        Path lines = file("bad.tsv", "a.png\tok\nno tab here\n");
        assertThatThrownBy(() -> PredictionsFile.read(lines)).hasMessageContaining("bad.tsv:2");
        Path entry = file("bad.json", "[{\"image_id\": \"a.png\"}]");
        assertThatThrownBy(() -> PredictionsFile.read(entry)).hasMessageContaining("bad.json: entry 0");
        Path json = file("broken.json", "[{\"image_id\": ");
        assertThatThrownBy(() -> PredictionsFile.read(json)).hasMessageContaining("broken.json: malformed JSON");
    }
}
