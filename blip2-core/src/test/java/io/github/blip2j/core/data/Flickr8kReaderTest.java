package io.github.blip2j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Flickr8kReaderTest {

    @TempDir
    Path dir;

    private Path images() {
        Path images = dir.resolve("Flicker8k_Dataset");
        TestFiles.png(images, "a.jpg", 10);
        TestFiles.png(images, "b.jpg", 20);
        return images;
    }

    @Test
    void groupsCaptionsByImageInFileOrder() {
        Path token = TestFiles.text(dir.resolve("Flickr8k.token.txt"), "\uFEFFa.jpg#0\tA dog runs .\n"
                + "a.jpg#1\tA brown dog running\n\n" + "b.jpg#0\tTwo kids play .\r\n" + "a.jpg#2\tThe dog .\n");
        CaptionDataset d = CaptionDataset.flickr8k(token, images());
        assertThat(d.records()).extracting(CaptionRecord::imageId).containsExactly("a.jpg", "b.jpg");
        assertThat(d.find("a.jpg").orElseThrow().captions()).containsExactly("A dog runs .", "A brown dog running", "The dog .");
        assertThat(d.find("b.jpg").orElseThrow().imagePath()).isEqualTo(dir.resolve("Flicker8k_Dataset/b.jpg"));
        assertThat(d.captionCount()).isEqualTo(4);
        assertThat(d.examples()).hasSize(4).first().isEqualTo(
                new CaptionExample("a.jpg", dir.resolve("Flicker8k_Dataset/a.jpg"), "A dog runs .", 0));
        assertThat(d.references()).containsEntry("b.jpg", List.of("Two kids play ."));
        assertThat(d.report().hasProblems()).isFalse();
        assertThat(d.find("a.jpg").orElseThrow().splitLabel()).isEmpty();
    }

    @Test
    void cleansCaptionsWhenAsked() {
        Path token = TestFiles.text(dir.resolve("t.txt"), "a.jpg#0\tA Dog  runs!!\n");
        CaptionDataset d = CaptionDataset.flickr8k(token, images(),
                ReadOptions.builder().cleaner(CaptionCleaner.blip()).build());
        assertThat(d.records().get(0).captions()).containsExactly("a dog runs");
    }

    @Test
    void malformedLinesAreReportedWithFileAndLine() {
        Path token = TestFiles.text(dir.resolve("bad.txt"), "a.jpg#0\tA dog .\n" + "a.jpg#1 no tab here\n"
                + "b.jpg\tno number\n" + "b.jpg#x\tbad number\n" + "b.jpg#0\t   \n" + "b.jpg#1\tfine .\n");
        assertThatThrownBy(() -> CaptionDataset.flickr8k(token, images()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("4 problems")
                .hasMessageContaining(token + ":2: expected 'image.jpg#n<TAB>caption', found no tab")
                .hasMessageContaining(token + ":3: expected 'image.jpg#n' before the tab")
                .hasMessageContaining(token + ":4: caption number")
                .hasMessageContaining(token + ":5: caption of image 'b.jpg' is empty")
                .hasMessageContaining("BadRowPolicy.SKIP")
                .satisfies(e -> assertThat(((DatasetException) e).problems())
                        .extracting(DatasetProblem::line).containsExactly(2L, 3L, 4L, 5L));
    }

    @Test
    void skipPolicyDropsBadRowsAndMissingImagesAndCountsThem() {
        Path token = TestFiles.text(dir.resolve("t.txt"), "a.jpg#0\tA dog .\n" + "broken line\n"
                + "missing.jpg#0\tGone .\n" + "missing.jpg#1\tStill gone .\n" + "b.jpg#0\tKids .\n");
        CaptionDataset d = CaptionDataset.flickr8k(token, images(), ReadOptions.builder().policy(BadRowPolicy.SKIP).build());
        assertThat(d.records()).extracting(CaptionRecord::imageId).containsExactly("a.jpg", "b.jpg");
        DatasetReport r = d.report();
        assertThat(r.malformedRows()).isEqualTo(1);
        assertThat(r.missingImages()).isEqualTo(1);
        assertThat(r.droppedCaptions()).isEqualTo(2);
        assertThat(r.images()).isEqualTo(2);
        assertThat(r.summary()).contains("read 2 images, 2 captions").contains("1 malformed rows").contains("1 missing");
        assertThat(r.problems()).extracting(DatasetProblem::kind)
                .containsExactly(DatasetProblem.Kind.MALFORMED_ROW, DatasetProblem.Kind.MISSING_IMAGE);
    }

    @Test
    void missingAndUnreadableImagesAreListedByPath() {
        Path images = images();
        TestFiles.garbage(images, "c.jpg");
        Path token = TestFiles.text(dir.resolve("t.txt"), "a.jpg#0\tA .\nc.jpg#0\tC .\n2258277193_586949ec62.jpg.1#0\tX .\n");
        assertThatThrownBy(() -> CaptionDataset.flickr8k(token, images))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(images.resolve("c.jpg") + ": not an image format ImageIO can read")
                .hasMessageContaining(images.resolve("2258277193_586949ec62.jpg.1") + ": image file does not exist");
    }

    @Test
    void imageChecksCanBeRelaxed() {
        Path images = images();
        TestFiles.garbage(images, "c.jpg");
        Path token = TestFiles.text(dir.resolve("t.txt"), "c.jpg#0\tC .\nnothere.jpg#0\tN .\n");
        assertThat(CaptionDataset.flickr8k(token, images, ReadOptions.builder().imageCheck(ImageCheck.NONE).build()).size())
                .isEqualTo(2);
        CaptionDataset exists = CaptionDataset.flickr8k(token, images,
                ReadOptions.builder().imageCheck(ImageCheck.EXISTS).policy(BadRowPolicy.SKIP).build());
        assertThat(exists.records()).extracting(CaptionRecord::imageId).containsExactly("c.jpg");
    }

    @Test
    void missingTokenFileAndAllBadRowsFailClearly() {
        assertThatThrownBy(() -> CaptionDataset.flickr8k(dir.resolve("none.txt"), dir))
                .isInstanceOf(DatasetException.class).hasMessageContaining("none.txt does not exist");
        Path token = TestFiles.text(dir.resolve("t.txt"), "junk\n");
        assertThatThrownBy(() -> CaptionDataset.flickr8k(token, dir, ReadOptions.builder().policy(BadRowPolicy.SKIP).build()))
                .isInstanceOf(DatasetException.class).hasMessageContaining("no usable image");
    }
}
