package io.github.blip2j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path dir;

    private Path images() {
        TestFiles.png(dir.resolve("img"), "a.jpg", 1);
        TestFiles.png(dir.resolve("img"), "b.jpg", 2);
        return dir.resolve("img");
    }

    @Test
    void readsTheSeedsCsvWithQuotedCommas() {
        Path csv = TestFiles.text(dir.resolve("captions.txt"), "image,caption\n"
                + "a.jpg,A dog runs .\n" + "a.jpg,\"A dog, brown, runs .\"\n" + "b.jpg,Kids play .\n");
        CaptionDataset d = CaptionDataset.csv(csv, images());
        assertThat(d.find("a.jpg").orElseThrow().captions()).containsExactly("A dog runs .", "A dog, brown, runs .");
        assertThat(d.size()).isEqualTo(2);
    }

    @Test
    void columnsMayComeInAnyOrderWithExtrasAndASplit() {
        Path csv = TestFiles.text(dir.resolve("c.csv"), "Caption,id,Image,split\n"
                + "A dog .,1,a.jpg,train\n" + "Kids .,2,b.jpg,test\n");
        CaptionDataset d = CaptionDataset.csv(csv, images());
        assertThat(d.find("b.jpg").orElseThrow().captions()).containsExactly("Kids .");
        assertThat(d.predefinedSplits().test().records()).extracting(CaptionRecord::imageId).containsExactly("b.jpg");
    }

    @Test
    void badRowsAreReportedWithTheirLineEvenAfterAMultiLineCaption() {
        Path csv = TestFiles.text(dir.resolve("c.csv"), "image,caption\n"
                + "a.jpg,\"A caption\nover two lines\"\n" + "b.jpg\n" + ",No image .\n" + "b.jpg,Kids .\n");
        assertThatThrownBy(() -> CaptionDataset.csv(csv, images()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(csv + ":4: expected at least 2 columns")
                .hasMessageContaining(csv + ":5: image column is empty");
    }

    @Test
    void headerWithoutTheColumnsFails() {
        Path csv = TestFiles.text(dir.resolve("c.csv"), "file,text\na.jpg,A dog .\n");
        assertThatThrownBy(() -> CaptionDataset.csv(csv, images()))
                .isInstanceOf(DatasetException.class).hasMessageContaining(":1: header must have columns 'image' and 'caption'")
                .hasMessageContaining("[file, text]");
    }

    @Test
    void brokenQuotingFailsWithTheFile() {
        Path csv = TestFiles.text(dir.resolve("c.csv"), "image,caption\na.jpg,\"unterminated\n");
        assertThatThrownBy(() -> CaptionDataset.csv(csv, images()))
                .isInstanceOf(DatasetException.class).hasMessageContaining(csv.toString()).hasMessageContaining("not valid CSV");
    }
}
