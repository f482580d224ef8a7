package io.github.blip2j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GroupedSplitTest {

    static CaptionDataset dataset(int images, int captionsEach) {
        List<CaptionRecord> records = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            List<String> caps = new ArrayList<>();
            for (int c = 0; c < captionsEach; c++) {
                caps.add("caption " + c + " of image " + i);
            }
            records.add(new CaptionRecord("img" + i + ".jpg", Path.of("images", "img" + i + ".jpg"), caps, null));
        }
        return CaptionDataset.of(records);
    }

    private static Set<String> ids(CaptionDataset d) {
        return new HashSet<>(d.imageIds());
    }

    @Property(tries = 50)
    void everyImageIsInExactlyOneSplitWithAllItsCaptions(@ForAll @IntRange(min = 3, max = 300) int n,
                                                         @ForAll @DoubleRange(min = 0, max = 0.3) double val,
                                                         @ForAll @DoubleRange(min = 0, max = 0.3) double test,
                                                         @ForAll long seed) {
        CaptionDataset d = dataset(n, 5);
        DatasetSplits s = d.split(val, test, seed);
        Set<String> all = new HashSet<>();
        all.addAll(ids(s.train()));
        all.addAll(ids(s.validation()));
        all.addAll(ids(s.test()));
        assertThat(all).isEqualTo(ids(d));
        assertThat(s.train().size() + s.validation().size() + s.test().size()).isEqualTo(n);
        assertThat(s.train().captionCount() + s.validation().captionCount() + s.test().captionCount())
                .isEqualTo(5 * n);
        assertThat(s.train().size()).isPositive();
    }

    @Test
    void sizesFollowTheFractions() {
        DatasetSplits s = dataset(1000, 1).split(0.1, 0.2, 7);
        assertThat(s.validation().size()).isEqualTo(100);
        assertThat(s.test().size()).isEqualTo(200);
        assertThat(s.train().size()).isEqualTo(700);
        assertThat(dataset(10, 1).split(0.01, 0.0, 7).validation().size()).isEqualTo(1);
    }

    @Test
    void sameSeedSameSplitRegardlessOfFileOrder() {
        CaptionDataset d = dataset(200, 2);
        List<CaptionRecord> shuffled = new ArrayList<>(d.records());
        Collections.shuffle(shuffled, new Random(3));
        DatasetSplits a = d.split(0.1, 0.1, 42);
        DatasetSplits b = CaptionDataset.of(shuffled).split(0.1, 0.1, 42);
        assertThat(ids(a.test())).isEqualTo(ids(b.test()));
        assertThat(ids(a.validation())).isEqualTo(ids(b.validation()));
        DatasetSplits other = d.split(0.1, 0.1, 43);
        assertThat(ids(other.test())).isNotEqualTo(ids(a.test()));
    }

    @Test
    void splitsKeepTheDatasetOrder() {
        DatasetSplits s = dataset(50, 1).split(0.2, 0.2, 1);
        List<String> order = s.train().records().stream().map(CaptionRecord::imageId).toList();
        List<Integer> numbers = order.stream().map(id -> Integer.parseInt(id.replaceAll("\\D", ""))).toList();
        assertThat(numbers).isSorted();
    }

    @Test
    void rejectsFractionsThatLeaveNoTraining() {
        assertThatThrownBy(() -> dataset(10, 1).split(0.5, 0.5, 1)).hasMessageContaining("validationFraction + testFraction");
        assertThatThrownBy(() -> dataset(10, 1).split(-0.1, 0.1, 1)).hasMessageContaining("validationFraction")
                .hasMessageContaining("-0.1");
        assertThatThrownBy(() -> dataset(2, 1).split(0.3, 0.3, 1)).hasMessageContaining("no training image");
    }

    @Test
    void splitsRefuseAnImageInTwoParts() {
        CaptionDataset d = dataset(3, 1);
        assertThatThrownBy(() -> new DatasetSplits(d, d.limit(1), CaptionDataset.of(List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'img0.jpg'").hasMessageContaining("train").hasMessageContaining("validation");
        CaptionRecord sameFile = new CaptionRecord("other-id", Path.of("images", "img0.jpg"), List.of("x"), null);
        assertThatThrownBy(() -> new DatasetSplits(d, CaptionDataset.of(List.of(sameFile)), CaptionDataset.of(List.of())))
                .hasMessageContaining("'other-id'");
    }

    @Test
    void predefinedSplitsNeedLabels() {
        assertThatThrownBy(() -> dataset(3, 1).predefinedSplits()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("img0.jpg");
    }
}
