package io.github.blip2j.metrics;

import io.github.blip2j.metrics.spice.SpiceProvider;
import io.github.blip2j.metrics.spice.SpiceProviders;
import io.github.blip2j.metrics.spice.SpiceScorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Caption metrics that reproduce the COCO caption evaluation toolkit (pycocoevalcap), in Java:
 * <pre>{@code
 * MetricReport report = CaptionMetrics.builder().bleu(4).rougeL().cider().distinct(1, 2).selfBleu(4)
 *     .build()
 *     .evaluate(predictions, references);   // Map<imageId, String>, Map<imageId, List<String>>
 * double cider = report.corpus("CIDEr");
 * }</pre>
 * Captions are tokenized with {@link CaptionTokenizer} first, references and candidates each as one
 * stream in the iteration order of {@code references} (pass a {@link java.util.LinkedHashMap} in
 * annotation-file order to reproduce pycocoevalcap bit for bit: that order is also the order of
 * per-image scores and of every reduction). The order of {@code predictions} does not matter.
 * Instances are immutable and thread-safe.
 */
public final class CaptionMetrics {

    private final List<CaptionScorer<?>> scorers;
    private final Parallelism parallelism;

    private CaptionMetrics(List<CaptionScorer<?>> scorers, Parallelism parallelism) {
        this.scorers = List.copyOf(scorers);
        this.parallelism = parallelism;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The names of all metrics this instance reports, in report order. */
    public List<String> metricNames() {
        List<String> names = new ArrayList<>();
        scorers.forEach(s -> names.addAll(s.metricNames()));
        return names;
    }

    /**
     * Scores {@code predictions} against {@code references}. Empty captions are legal and scored
     * as pycocoevalcap scores them.
     *
     * @param predictions image id -> candidate caption (one per image)
     * @param references image id -> reference captions (at least one per image)
     * @throws IllegalArgumentException naming the image id if an image has references but no
     *     prediction or a prediction but no references, a reference list is empty, or a caption
     *     is null
     */
    public MetricReport evaluate(Map<String, String> predictions, Map<String, List<String>> references) {
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(references, "references");
        validate(predictions, references);
        List<String> ids = new ArrayList<>(references.keySet());
        List<String> refStream = new ArrayList<>();
        List<String> candidates = new ArrayList<>(ids.size());
        for (String id : ids) {
            refStream.addAll(references.get(id));
            candidates.add(predictions.get(id));
        }
        CaptionTokenizer tokenizer = CaptionTokenizer.ptb();
        List<String> refTokens = tokenizer.tokenizeAll(refStream, parallelism);
        List<String> candTokens = tokenizer.tokenizeAll(candidates, parallelism);
        List<List<String>> tokenizedRefs = new ArrayList<>(ids.size());
        int at = 0;
        for (String id : ids) {
            int n = references.get(id).size();
            tokenizedRefs.add(refTokens.subList(at, at + n));
            at += n;
        }
        TokenizedCorpus corpus = TokenizedCorpus.of(ids, candTokens, tokenizedRefs, parallelism);
        return score(corpus);
    }

    /** Scores an already tokenized corpus with every configured metric. */
    public MetricReport score(TokenizedCorpus corpus) {
        Map<String, Double> corpusScores = new LinkedHashMap<>();
        Map<String, String> signatures = new LinkedHashMap<>();
        List<Map<String, Double>> rows = new ArrayList<>(corpus.size());
        List<Map<String, ImageDetail>> detailRows = new ArrayList<>(corpus.size());
        for (int i = 0; i < corpus.size(); i++) {
            rows.add(new LinkedHashMap<>());
            detailRows.add(new LinkedHashMap<>());
        }
        for (CaptionScorer<?> scorer : scorers) {
            MetricScores scores = scorer.score(corpus, parallelism);
            corpusScores.putAll(scores.corpus());
            signatures.putAll(scorer.signatures());
            for (int i = 0; i < corpus.size(); i++) {
                rows.get(i).putAll(scores.perImage().get(i));
                if (!scores.details().isEmpty()) {
                    detailRows.get(i).putAll(scores.details().get(i));
                }
            }
        }
        Map<String, Map<String, Double>> perImage = new LinkedHashMap<>();
        Map<String, Map<String, ImageDetail>> details = new LinkedHashMap<>();
        for (int i = 0; i < corpus.size(); i++) {
            perImage.put(corpus.images().get(i).imageId(), rows.get(i));
            details.put(corpus.images().get(i).imageId(), detailRows.get(i));
        }
        return new MetricReport(corpusScores, perImage, signatures, details);
    }

    private static void validate(Map<String, String> predictions, Map<String, List<String>> references) {
        for (Map.Entry<String, List<String>> e : references.entrySet()) {
            String id = e.getKey();
            if (id == null) {
                throw new IllegalArgumentException("references contain a null image id");
            }
            List<String> refs = e.getValue();
            if (refs == null || refs.isEmpty()) {
                throw new IllegalArgumentException("image " + id + ": empty reference list (every image needs at least one reference)");
            }
            for (int r = 0; r < refs.size(); r++) {
                if (refs.get(r) == null) {
                    throw new IllegalArgumentException("image " + id + ": reference caption " + r + " is null");
                }
            }
            if (!predictions.containsKey(id)) {
                throw new IllegalArgumentException("image " + id + ": has references but no prediction");
            }
            if (predictions.get(id) == null) {
                throw new IllegalArgumentException("image " + id + ": prediction caption is null");
            }
        }
        for (String id : predictions.keySet()) {
            if (id == null) {
                throw new IllegalArgumentException("predictions contain a null image id");
            }
            if (!references.containsKey(id)) {
                throw new IllegalArgumentException("image " + id + ": has a prediction but no references");
            }
        }
    }

    /** Chooses metrics; every method checks its arguments at once. */
    public static final class Builder {
        private final List<CaptionScorer<?>> scorers = new ArrayList<>();
        private final Map<String, String> names = new LinkedHashMap<>();
        private Parallelism parallelism = Parallelism.available();
        private boolean spiceMissing;

        private Builder() {
        }

        /** {@code Bleu_1..Bleu_n}, n in 1..4. */
        public Builder bleu(int n) {
            return add(new Bleu(n));
        }

        /** {@code Bleu_1..Bleu_4}. */
        public Builder bleu() {
            return bleu(4);
        }

        /** {@code ROUGE_L}. */
        public Builder rougeL() {
            return add(new RougeL());
        }

        /** {@code CIDEr} (CIDEr-D, as pycocoevalcap). */
        public Builder cider() {
            return add(new Cider());
        }

        /** {@code Distinct_n} for each given order (1..4). */
        public Builder distinct(int... orders) {
            return add(new Distinct(orders));
        }

        /** {@code Distinct_1} and {@code Distinct_2}. */
        public Builder distinct() {
            return distinct(1, 2);
        }

        /** {@code SelfBLEU_2..SelfBLEU_maxOrder}, maxOrder in 2..4. */
        public Builder selfBleu(int maxOrder) {
            return add(new SelfBleu(maxOrder));
        }

        /** {@code SelfBLEU_2..SelfBLEU_4}. */
        public Builder selfBleu() {
            return selfBleu(4);
        }

        /** {@code METEOR} (Meteor 1.5, English, {@code -norm}, no paraphrase table). */
        public Builder meteor() {
            return add(new io.github.blip2j.metrics.meteor.MeteorScorer(
                    io.github.blip2j.metrics.meteor.Meteor.builder().build(), false));
        }

        /** {@code METEOR} with Meteor's paraphrase module, from a {@code paraphrase-en.gz}-format table. */
        public Builder meteor(Path paraphraseTable) {
            return add(new io.github.blip2j.metrics.meteor.MeteorScorer(
                    io.github.blip2j.metrics.meteor.Meteor.builder().paraphraseTable(paraphraseTable).build(), true));
        }

        /**
         * {@code SPICE} (SPICE 1.0 as pycocoevalcap runs it): corpus = mean of the per-image
         * F-scores, per image the score and its {@code SPICE_detail} categories
         * ({@link MetricReport#spiceDetail()}). Parses on {@link #threads(int)} threads. Needs the
         * optional module {@code io.github.blip2j:blip2-spice} on the class path (GPL-licensed
         * CoreNLP parser, about 400 MB of models); without it {@link #build()} fails saying so.
         * Slow: the parser dominates (see blip2-spice's README).
         */
        public Builder spice() {
            return spice(null);
        }

        /**
         * {@code SPICE} as {@link #spice()}, keeping parses across runs in {@code parseCacheFile}
         * (read on first use, rewritten atomically after a run that parsed new captions), so
         * re-scoring new candidates against the same references parses only the candidates.
         *
         * @param parseCacheFile the cache file, or null for none
         */
        public Builder spice(Path parseCacheFile) {
            Optional<SpiceProvider> provider = SpiceProviders.find();
            if (provider.isEmpty()) {
                spiceMissing = true;   // reported by build(), with what to add
                return this;
            }
            return add(new SpiceScorer(provider.get(), parseCacheFile));
        }

        /**
         * Any other metric (METEOR, SPICE, your own); its metric names must not clash with those
         * already chosen.
         *
         * @throws IllegalArgumentException on a clash, or if the scorer reports no metric or lacks
         *     a signature for one
         */
        public Builder add(CaptionScorer<?> scorer) {
            Objects.requireNonNull(scorer, "scorer");
            List<String> metricNames = scorer.metricNames();
            if (metricNames.isEmpty()) {
                throw new IllegalArgumentException("scorer " + scorer.getClass().getName() + " reports no metric");
            }
            for (String name : metricNames) {
                if (names.containsKey(name)) {
                    throw new IllegalArgumentException("metric " + name + " is already configured (by "
                            + names.get(name) + "); each metric can be chosen once");
                }
                if (!scorer.signatures().containsKey(name)) {
                    throw new IllegalArgumentException("scorer " + scorer.getClass().getName() + " has no signature for " + name);
                }
            }
            metricNames.forEach(name -> names.put(name, scorer.getClass().getSimpleName()));
            scorers.add(scorer);
            return this;
        }

        /** Worker threads (default: available processors); results do not depend on it. */
        public Builder threads(int threads) {
            this.parallelism = Parallelism.threads(threads);
            return this;
        }

        /**
         * @throws IllegalStateException if no metric was chosen, or {@link #spice()} was chosen
         *     without the module that computes it on the class path
         */
        public CaptionMetrics build() {
            if (spiceMissing) {
                throw new IllegalStateException(SpiceProviders.MISSING_MESSAGE);
            }
            if (scorers.isEmpty()) {
                throw new IllegalStateException("no metric chosen: call bleu(), meteor(), rougeL(), cider(), spice(), distinct(), selfBleu() or add()");
            }
            return new CaptionMetrics(scorers, parallelism);
        }
    }
}
