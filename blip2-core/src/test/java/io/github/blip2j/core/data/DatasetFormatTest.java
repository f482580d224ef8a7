package io.github.blip2j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFormatTest {

    @TempDir
    Path dir;

    @Test
    void parsesCliNames() {
        assertThat(DatasetFormat.parse("Flickr8k")).isEqualTo(DatasetFormat.FLICKR8K);
        assertThat(DatasetFormat.parse("coco")).isEqualTo(DatasetFormat.COCO);
        assertThatThrownBy(() -> DatasetFormat.parse("tsv")).hasMessageContaining("flickr8k, karpathy, csv, coco")
                .hasMessageContaining("'tsv'");
    }

    @Test
    void detectsByExtensionAndJsonContent() {
        assertThat(DatasetFormat.detect(Path.of("Flickr8k.token.txt"))).isEqualTo(DatasetFormat.FLICKR8K);
        assertThat(DatasetFormat.detect(Path.of("captions.csv"))).isEqualTo(DatasetFormat.CSV);
        Path k = TestFiles.text(dir.resolve("dataset_flickr8k.json"),
                "{\"images\": [{\"sentences\": [], \"filename\": \"a.jpg\"}], \"dataset\": \"flickr8k\"}");
        assertThat(DatasetFormat.detect(k)).isEqualTo(DatasetFormat.KARPATHY);
        Path c = TestFiles.text(dir.resolve("captions.json"), "{\"images\": [{\"id\": 1}], \"annotations\": []}");
        assertThat(DatasetFormat.detect(c)).isEqualTo(DatasetFormat.COCO);
        assertThatThrownBy(() -> DatasetFormat.detect(Path.of("data.parquet"))).hasMessageContaining("data.parquet");
    }

    @Test
    void splitLabels() {
        assertThat(Split.fromLabel("restval")).isEqualTo(Split.TRAIN);
        assertThat(Split.fromLabel(" VAL ")).isEqualTo(Split.VALIDATION);
        assertThatThrownBy(() -> Split.fromLabel("holdout")).hasMessageContaining("'holdout'");
    }
}
