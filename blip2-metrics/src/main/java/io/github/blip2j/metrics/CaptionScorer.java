package io.github.blip2j.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A caption metric in two steps, as pycocoevalcap and sacrebleu structure theirs: statistics per
 * image (independent of every other image, so computed in parallel or on different machines),
 * then one reduction over all statistics in image order, which yields both the corpus score and
 * the per-image scores from the same code.
 *
 * <p>Implement this to add a metric (METEOR, SPICE, ...) and register it with
 * {@link CaptionMetrics.Builder#add(CaptionScorer)}. Scorers receive PTB-tokenized captions.
 *
 * @param <S> the per-image statistics
 */
public interface CaptionScorer<S> {

    /** The metric names this scorer reports, in report order (e.g. {@code Bleu_1..Bleu_4}). */
    List<String> metricNames();

    /** For every metric name, a signature naming the variant and its settings, e.g. {@code CIDEr-D[sigma=6,idf=refs,tok=ptb]}. */
    Map<String, String> signatures();

    /** Statistics of one image. Must be thread-safe: called concurrently for different images. */
    S imageStats(TokenizedImage image);

    /**
     * Corpus and per-image scores from the statistics of every image of {@code corpus}, given in
     * image order. May use {@code parallelism} for per-image work, but the result must not depend
     * on it.
     */
    MetricScores reduce(TokenizedCorpus corpus, List<S> stats, Parallelism parallelism);

    /** Statistics for every image (in parallel), then {@link #reduce}. */
    default MetricScores score(TokenizedCorpus corpus, Parallelism parallelism) {
        List<TokenizedImage> images = corpus.images();
        Object[] stats = new Object[images.size()];
        parallelism.forRanges(images.size(), 64, (from, to) -> {
            for (int i = from; i < to; i++) {
                stats[i] = imageStats(images.get(i));
            }
        });
        @SuppressWarnings("unchecked")
        List<S> typed = (List<S>) (List<?>) Arrays.asList(stats);
        return reduce(corpus, new ArrayList<>(typed), parallelism);
    }
}
