package io.github.blip2j.metrics.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds degenerate repetition inside one caption, the failure mode of greedy and beam decoding:
 * an n-gram of any length immediately repeated ("a a", "in the grass in the grass"), or an n-gram
 * of at least {@code minNgram} words (default 4) occurring twice anywhere. Shorter non-adjacent
 * repeats are normal English ("a man in a red shirt and a woman in a red dress" repeats "in a red")
 * and are not flagged. Only the longest repeated n-grams are reported.
 */
public final class RepetitionDetector {

    /** Default length from which a non-adjacent repeated n-gram is flagged. */
    public static final int DEFAULT_MIN_NGRAM = 4;

    private final int minNgram;

    public RepetitionDetector(int minNgram) {
        if (minNgram < 2) {
            throw new IllegalArgumentException("minNgram must be >= 2, got " + minNgram);
        }
        this.minNgram = minNgram;
    }

    public RepetitionDetector() {
        this(DEFAULT_MIN_NGRAM);
    }

    /** The repeated n-grams of a caption, longest first; empty when there is no repetition. */
    public List<String> repeatedNgrams(String caption) {
        List<String> w = Words.of(caption);
        Set<String> found = new LinkedHashSet<>();
        for (int n = 1; 2 * n <= w.size(); n++) {
            for (int i = 0; i + 2 * n <= w.size(); i++) {
                if (w.subList(i, i + n).equals(w.subList(i + n, i + 2 * n))) {
                    found.add(String.join(" ", w.subList(i, i + n)));
                }
            }
        }
        for (int n = minNgram; n < w.size(); n++) {
            Map<List<String>, Integer> counts = new HashMap<>();
            for (int i = 0; i + n <= w.size(); i++) {
                List<String> g = w.subList(i, i + n);
                if (counts.merge(g, 1, Integer::sum) == 2) {
                    found.add(String.join(" ", g));
                }
            }
        }
        List<String> sorted = new ArrayList<>(found);
        sorted.sort((a, b) -> Integer.compare(b.split(" ").length, a.split(" ").length));
        List<String> maximal = new ArrayList<>();
        for (String g : sorted) {
            boolean inside = maximal.stream().anyMatch(m -> (" " + m + " ").contains(" " + g + " "));
            if (!inside) {
                maximal.add(g);
            }
        }
        return maximal;
    }
}
