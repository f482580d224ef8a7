package io.github.blip2j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KarpathyReaderTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            {"dataset": "flickr8k",
             "images": [
              {"filename": "a.jpg", "imgid": 0, "split": "train",
               "sentences": [{"raw": "A dog runs .", "tokens": ["a", "dog", "runs"]}, {"tokens": ["a", "brown", "dog"]}]},
              {"filename": "b.jpg", "imgid": 1, "split": "val", "sentences": [{"raw": "Kids play ."}]},
              {"filename": "c.jpg", "imgid": 2, "split": "test", "sentences": [{"raw": "A cat ."}]},
              {"filename": "d.jpg", "imgid": 3, "split": "restval", "sentences": [{"raw": "A bird ."}]}
             ]}
            """;

    private Path images() {
        for (String n : new String[] {"a.jpg", "b.jpg", "c.jpg", "d.jpg"}) {
            TestFiles.png(dir.resolve("img"), n, 5);
        }
        return dir.resolve("img");
    }

    @Test
    void readsImagesSentencesAndSplits() {
        CaptionDataset d = CaptionDataset.karpathy(TestFiles.text(dir.resolve("dataset_flickr8k.json"), GOOD), images());
        assertThat(d.find("a.jpg").orElseThrow().captions()).containsExactly("A dog runs .", "a brown dog");
        assertThat(d.hasSplitLabels()).isTrue();
        DatasetSplits s = d.predefinedSplits();
        assertThat(s.train().records()).extracting(CaptionRecord::imageId).containsExactly("a.jpg", "d.jpg");
        assertThat(s.validation().records()).extracting(CaptionRecord::imageId).containsExactly("b.jpg");
        assertThat(s.test().records()).extracting(CaptionRecord::imageId).containsExactly("c.jpg");
    }

    @Test
    void filepathIsPrependedUnderTheImageFolder() {
        TestFiles.png(dir.resolve("img/val2014"), "x.jpg", 1);
        Path json = TestFiles.text(dir.resolve("k.json"), "{\"images\": [{\"filepath\": \"val2014\", \"filename\": \"x.jpg\","
                + " \"split\": \"test\", \"sentences\": [{\"raw\": \"A thing .\"}]}]}");
        CaptionDataset d = CaptionDataset.karpathy(json, dir.resolve("img"));
        assertThat(d.records().get(0).imagePath()).isEqualTo(dir.resolve("img/val2014/x.jpg"));
    }

    @Test
    void badEntriesAreReportedWithTheirLine() {
        Path json = TestFiles.text(dir.resolve("k.json"), """
                {"images": [
                  {"filename": "a.jpg", "split": "train", "sentences": [{"raw": "ok ."}]},
                  {"split": "train", "sentences": [{"raw": "no file name"}]},
                  {"filename": "b.jpg", "split": "holdout", "sentences": [{"raw": "bad split"}]},
                  {"filename": "c.jpg", "split": "test", "sentences": []},
                  {"filename": "d.jpg", "split": "test", "sentences": [{"text": "wrong key"}]}
                ]}
                """);
        assertThatThrownBy(() -> CaptionDataset.karpathy(json, images()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(json + ":3: images[1] has no 'filename'")
                .hasMessageContaining(json + ":4: images[2] (b.jpg): split label must be one of")
                .hasMessageContaining(json + ":5: images[3] (c.jpg) has no 'sentences' array")
                .hasMessageContaining(json + ":6: images[4].sentences[0] (d.jpg) has neither 'raw' nor 'tokens'");
    }

    @Test
    void invalidJsonAndMissingArrayFailWithTheFile() {
        Path broken = TestFiles.text(dir.resolve("broken.json"), "{\"images\": [\n {\"filename\": \"a.jpg\",,}\n]}");
        assertThatThrownBy(() -> CaptionDataset.karpathy(broken, images()))
                .isInstanceOf(DatasetException.class).hasMessageContaining(broken + ":2: invalid JSON");
        Path empty = TestFiles.text(dir.resolve("empty.json"), "{\"dataset\": \"flickr8k\"}");
        assertThatThrownBy(() -> CaptionDataset.karpathy(empty, images()))
                .isInstanceOf(DatasetException.class).hasMessageContaining("no top-level 'images' array");
        Path array = TestFiles.text(dir.resolve("array.json"), "[]");
        assertThatThrownBy(() -> CaptionDataset.karpathy(array, images()))
                .hasMessageContaining(array + ":1: expected a JSON object");
    }
}
