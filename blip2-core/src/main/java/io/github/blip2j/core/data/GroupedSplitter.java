package io.github.blip2j.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** The seeded image-level split behind {@link CaptionDataset#split(double, double, long)}. */
final class GroupedSplitter {

    private GroupedSplitter() {
    }

    static DatasetSplits split(CaptionDataset data, double validationFraction, double testFraction, long seed) {
        checkFraction("validationFraction", validationFraction);
        checkFraction("testFraction", testFraction);
        if (validationFraction + testFraction >= 1.0) {
            throw new IllegalArgumentException("validationFraction + testFraction must be < 1 to leave training images, got "
                    + validationFraction + " + " + testFraction);
        }
        // Sorting first makes the split a function of the id set and the seed, independent of file order.
        List<String> ids = new ArrayList<>(data.imageIds());
        Collections.sort(ids);
        Collections.shuffle(ids, new Random(seed));
        int n = ids.size();
        int nTest = count(n, testFraction);
        int nVal = count(n, validationFraction);
        if (nTest + nVal >= n) {
            throw new IllegalArgumentException("splitting " + n + " images with validationFraction " + validationFraction
                    + " and testFraction " + testFraction + " leaves no training image; use more images or smaller fractions");
        }
        Set<String> test = new HashSet<>(ids.subList(0, nTest));
        Set<String> val = new HashSet<>(ids.subList(nTest, nTest + nVal));
        Set<String> train = new HashSet<>(ids.subList(nTest + nVal, n));
        return new DatasetSplits(data.select(train), data.select(val), data.select(test));
    }

    /** Rounded share of n; at least one image for a positive fraction. */
    private static int count(int n, double fraction) {
        if (fraction == 0) {
            return 0;
        }
        return Math.max(1, (int) Math.round(n * fraction));
    }

    private static void checkFraction(String name, double f) {
        if (!(f >= 0 && f < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + f);
        }
    }
}
