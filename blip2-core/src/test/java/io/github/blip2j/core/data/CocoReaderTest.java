package io.github.blip2j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoReaderTest {

    @TempDir
    Path dir;

    private Path images() {
        TestFiles.png(dir.resolve("img"), "COCO_val2014_000000000042.jpg", 1);
        TestFiles.png(dir.resolve("img"), "COCO_val2014_000000000073.jpg", 2);
        TestFiles.png(dir.resolve("img"), "COCO_val2014_000000000074.jpg", 3);
        return dir.resolve("img");
    }

    @Test
    void groupsAnnotationsUnderTheirImagesInImageOrder() {
        Path json = TestFiles.text(dir.resolve("captions_val2014.json"), """
                {"info": {"year": 2014}, "licenses": [],
                 "images": [{"id": 73, "file_name": "COCO_val2014_000000000073.jpg"},
                            {"id": 42, "file_name": "COCO_val2014_000000000042.jpg"},
                            {"id": 74, "file_name": "COCO_val2014_000000000074.jpg"}],
                 "annotations": [{"image_id": 42, "id": 1, "caption": "A train."},
                                 {"image_id": 73, "id": 2, "caption": "A cat on a bed."},
                                 {"image_id": 42, "id": 3, "caption": "A red train."}]}
                """);
        CaptionDataset d = CaptionDataset.coco(json, images());
        assertThat(d.records()).extracting(CaptionRecord::imageId).containsExactly("73", "42");
        assertThat(d.find("42").orElseThrow().captions()).containsExactly("A train.", "A red train.");
        assertThat(d.find("42").orElseThrow().imagePath()).isEqualTo(dir.resolve("img/COCO_val2014_000000000042.jpg"));
    }

    @Test
    void badImagesAndAnnotationsAreReportedWithTheirLine() {
        Path json = TestFiles.text(dir.resolve("c.json"), """
                {"images": [{"id": 42, "file_name": "COCO_val2014_000000000042.jpg"},
                  {"id": 5},
                  {"id": 42, "file_name": "again.jpg"}],
                 "annotations": [{"image_id": 42, "caption": "ok"},
                  {"image_id": 999, "caption": "unknown image"},
                  {"image_id": 42, "caption": 7}]}
                """);
        assertThatThrownBy(() -> CaptionDataset.coco(json, images()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(json + ":2: images[1] needs 'id' and 'file_name'")
                .hasMessageContaining(json + ":3: images[2] repeats image id 42")
                .hasMessageContaining(json + ":5: annotations[1] has image_id 999, which is not in 'images'")
                .hasMessageContaining(json + ":6: annotations[2] needs 'image_id' and a text 'caption'");
    }

    @Test
    void aFileWithoutAnnotationsFails() {
        Path json = TestFiles.text(dir.resolve("c.json"), "{\"images\": []}");
        assertThatThrownBy(() -> CaptionDataset.coco(json, images())).hasMessageContaining("no top-level 'annotations' array");
    }
}
