package io.github.blip2j.metrics.meteor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * METEOR 1.5 for English, in-process: the same statistics and scores as
 * {@code java -jar meteor-1.5.jar - - -stdio -l en -norm} driven by pycocoevalcap's wrapper.
 *
 * <p>Pipeline per caption: Meteor's {@code -norm} normalisation and lower-casing; per
 * hypothesis/reference pair: candidate matches from the exact, stem (Snowball English), synonym
 * (WordNet 3.0) and paraphrase (optional table) modules, Meteor's beam search for the alignment
 * with the most matches and fewest chunks, then the 23 statistics; per image: the statistics of
 * the best-scoring reference (first one on ties). Score: weighted precision and recall
 * (content words weight {@code delta}, function words {@code 1 - delta}, matches weighted per
 * module), {@code Fmean = P R / (alpha P + (1 - alpha) R)}, fragmentation penalty
 * {@code gamma (chunks / matches)^beta}, {@code score = Fmean (1 - penalty)}. Defaults are
 * Meteor's English "rank" task: alpha 0.85, beta 0.20, gamma 0.60, delta 0.75, module
 * weights 1.0 / 0.6 / 0.8 / 0.6, beam 40.
 *
 * <p>Without {@link Builder#paraphraseTable(Path)} no paraphrase matches are made, which equals
 * Meteor run with an empty paraphrase table (the fixtures' {@code METEOR_noparaphrase}).
 * Instances are immutable and thread-safe; {@link #evaluate} runs images in parallel and its
 * result does not depend on the number of threads.
 */
public final class Meteor {

    /** Below this many images per thread, starting threads costs more than it saves. */
    private static final int MIN_IMAGES_PER_THREAD = 32;

    private final double alpha;
    private final double beta;
    private final double gamma;
    private final double delta;
    private final double[] moduleWeights;
    private final boolean normalize;
    private final int parallelism;
    private final Aligner aligner;
    private final Lexicon lexicon;
    private final MeteorNormalizer normalizer;

    private Meteor(Builder b, ParaphraseTable paraphrases) {
        this.alpha = b.alpha;
        this.beta = b.beta;
        this.gamma = b.gamma;
        this.delta = b.delta;
        this.moduleWeights = b.moduleWeights.clone();
        this.normalize = b.normalize;
        this.parallelism = b.parallelism;
        this.aligner = new Aligner(b.beamSize, paraphrases);
        this.lexicon = new Lexicon(WordNetSynonyms.english(), EnglishResources.functionWords(), paraphrases);
        this.normalizer = new MeteorNormalizer(EnglishResources.nonBreakingPrefixes());
    }

    /** A builder with Meteor 1.5's English defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Statistics of {@code hypothesis} against its best reference (Meteor's {@code SCORE}
     * command). Captions are normalised first unless the builder turned that off.
     *
     * @throws IllegalArgumentException if there is no reference
     */
    public MeteorStats stats(String hypothesis, List<String> references) {
        Objects.requireNonNull(hypothesis, "hypothesis");
        Objects.requireNonNull(references, "references");
        if (references.isEmpty()) {
            throw new IllegalArgumentException("Meteor needs at least one reference per hypothesis, got none");
        }
        return bestReference(prepare(hypothesis, null, null), references, null, null);
    }

    /** The METEOR score of some statistics (one image's, or summed over a corpus). */
    public double score(MeteorStats s) {
        Objects.requireNonNull(s, "stats");
        double testLength = delta * (s.testLength() - s.testFunctionWords()) + (1.0 - delta) * s.testFunctionWords();
        double referenceLength = delta * (s.referenceLength() - s.referenceFunctionWords())
                + (1.0 - delta) * s.referenceFunctionWords();
        double testMatches = 0;
        double referenceMatches = 0;
        for (int m = 0; m < MeteorStats.MODULES; m++) {
            testMatches += s.testContentMatches(m) * moduleWeights[m] * delta;
        }
        for (int m = 0; m < MeteorStats.MODULES; m++) {
            referenceMatches += s.referenceContentMatches(m) * moduleWeights[m] * delta;
        }
        for (int m = 0; m < MeteorStats.MODULES; m++) {
            testMatches += s.testFunctionMatches(m) * moduleWeights[m] * (1.0 - delta);
        }
        for (int m = 0; m < MeteorStats.MODULES; m++) {
            referenceMatches += s.referenceFunctionMatches(m) * moduleWeights[m] * (1.0 - delta);
        }
        double precision = testMatches / testLength;
        double recall = referenceMatches / referenceLength;
        double fMean = 1.0 / (((1.0 - alpha) / precision) + (alpha / recall));
        double fragmentation = s.isPerfectMatch()
                ? 0.0
                : s.chunks() / ((s.testWordMatches() + s.referenceWordMatches()) / 2);
        double score = fMean * (1.0 - gamma * Math.pow(fragmentation, beta));
        // 0/0 (empty captions, no matches) is a score of 0, as in Meteor.
        return Double.isNaN(score) ? 0.0 : Math.max(score, 0.0);
    }

    /**
     * Scores a set of images the way pycocoevalcap's {@code Meteor().compute_score} does:
     * per image the best-reference statistics and their score, and the corpus score from the
     * summed statistics. As in its wrapper, {@code |||} is deleted from hypotheses and splits a
     * reference into several.
     *
     * @param hypotheses one (tokenized) candidate caption per image
     * @param references the (tokenized) reference captions of each image, same order
     * @throws IllegalArgumentException if the lists differ in size or an image has no reference
     */
    public MeteorResult evaluate(List<String> hypotheses, List<? extends List<String>> references) {
        Objects.requireNonNull(hypotheses, "hypotheses");
        Objects.requireNonNull(references, "references");
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException("hypotheses and references must have one entry per image, got "
                    + hypotheses.size() + " hypotheses and " + references.size() + " reference lists");
        }
        int n = hypotheses.size();
        for (int i = 0; i < n; i++) {
            if (hypotheses.get(i) == null) {
                throw new IllegalArgumentException("hypothesis of image " + i + " (input order) is null");
            }
            List<String> refs = references.get(i);
            if (refs == null || refs.isEmpty()) {
                throw new IllegalArgumentException("image " + i + " (input order) has no reference caption");
            }
        }
        Map<String, WordInfo> words = new ConcurrentHashMap<>();
        Map<String, Sentence> sentences = new ConcurrentHashMap<>();
        MeteorStats[] stats = new MeteorStats[n];
        IntStream indices = IntStream.range(0, n);
        boolean parallel = parallelism > 1 && n >= MIN_IMAGES_PER_THREAD * 2;
        Runnable work = () -> (parallel ? indices.parallel() : indices).forEach(i -> {
            Sentence hyp = prepare(hypotheses.get(i).replace("|||", ""), sentences, words);
            stats[i] = bestReference(hyp, splitReferences(references.get(i)), sentences, words);
        });
        if (parallel) {
            runInPool(work);
        } else {
            work.run();
        }
        double[] scores = new double[n];
        List<MeteorStats> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            scores[i] = score(stats[i]);
            list.add(stats[i]);
        }
        MeteorStats total = MeteorStats.sum(list);
        return new MeteorResult(score(total), scores, list, total);
    }

    private void runInPool(Runnable work) {
        ForkJoinPool pool = new ForkJoinPool(parallelism);
        try {
            pool.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("METEOR evaluation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException("METEOR evaluation failed", cause);
        } finally {
            pool.shutdown();
        }
    }

    /** pycocoevalcap joins references with {@code |||} and Meteor splits on it: a {@code |||} inside one adds a reference. */
    private static List<String> splitReferences(List<String> references) {
        List<String> out = new ArrayList<>(references.size());
        for (String r : references) {
            Objects.requireNonNull(r, "reference caption");
            if (r.contains("|||")) {
                for (String part : r.split("\\|\\|\\|", -1)) {
                    out.add(part.trim());
                }
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private MeteorStats bestReference(Sentence hyp, List<String> references, Map<String, Sentence> sentences,
                                      Map<String, WordInfo> words) {
        MeteorStats best = null;
        double bestScore = -1;
        for (String reference : references) {
            MeteorStats s = aligner.align(hyp, prepare(reference, sentences, words));
            double score = score(s);
            if (score > bestScore) {
                best = s;
                bestScore = score;
            }
        }
        return best;
    }

    private Sentence prepare(String caption, Map<String, Sentence> sentences, Map<String, WordInfo> words) {
        if (sentences == null) {
            return toSentence(caption, null);
        }
        Sentence s = sentences.get(caption);
        if (s == null) {
            s = toSentence(caption, words);
            sentences.putIfAbsent(caption, s);
        }
        return s;
    }

    private Sentence toSentence(String caption, Map<String, WordInfo> words) {
        String text = normalize ? normalizer.normalize(caption) : caption;
        return lexicon.sentence(MeteorNormalizer.whitespaceTokens(text), words);
    }

    /** Builder for {@link Meteor}; every setter validates its argument immediately. */
    public static final class Builder {
        private double alpha = 0.85;
        private double beta = 0.20;
        private double gamma = 0.60;
        private double delta = 0.75;
        private double[] moduleWeights = {1.0, 0.6, 0.8, 0.6};
        private int beamSize = 40;
        private boolean normalize = true;
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private Path paraphraseTable;

        private Builder() {
        }

        /**
         * Score parameters (defaults 0.85, 0.20, 0.60, 0.75).
         *
         * @param alpha weight of recall against precision in Fmean, in [0, 1]
         * @param beta exponent of the fragmentation penalty, finite and &gt;= 0
         * @param gamma maximum fragmentation penalty, in [0, 1]
         * @param delta weight of content words against function words, in [0, 1]
         */
        public Builder parameters(double alpha, double beta, double gamma, double delta) {
            this.alpha = inUnitInterval("alpha", alpha);
            if (!(beta >= 0) || Double.isInfinite(beta)) {
                throw new IllegalArgumentException("beta must be finite and >= 0, got " + beta);
            }
            this.beta = beta;
            this.gamma = inUnitInterval("gamma", gamma);
            this.delta = inUnitInterval("delta", delta);
            return this;
        }

        /** Weights of exact, stem, synonym and paraphrase matches in the score (defaults 1.0, 0.6, 0.8, 0.6), each finite and &gt;= 0. */
        public Builder moduleWeights(double exact, double stem, double synonym, double paraphrase) {
            double[] w = {exact, stem, synonym, paraphrase};
            String[] names = {"exact", "stem", "synonym", "paraphrase"};
            for (int i = 0; i < w.length; i++) {
                if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                    throw new IllegalArgumentException("moduleWeights." + names[i] + " must be finite and >= 0, got " + w[i]);
                }
            }
            this.moduleWeights = w;
            return this;
        }

        /** Paths kept per step of the alignment search (default 40, Meteor's), &gt;= 1. */
        public Builder beamSize(int beamSize) {
            if (beamSize < 1) {
                throw new IllegalArgumentException("beamSize must be >= 1, got " + beamSize);
            }
            this.beamSize = beamSize;
            return this;
        }

        /**
         * Whether to apply Meteor's {@code -norm} normalisation and lower-casing (default true,
         * as pycocoevalcap runs it). With false, captions are split on whitespace and used as given.
         */
        public Builder normalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /** Threads {@link Meteor#evaluate} may use (default: available processors), &gt;= 1. */
        public Builder parallelism(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("parallelism must be >= 1, got " + threads);
            }
            this.parallelism = threads;
            return this;
        }

        /**
         * Enables the paraphrase module with a table in Meteor's {@code paraphrase-en.gz} format
         * (gzip; three lines per entry: probability, phrase, paraphrase). Read in {@link #build()}.
         */
        public Builder paraphraseTable(Path file) {
            Objects.requireNonNull(file, "paraphraseTable");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("paraphraseTable must be an existing file (Meteor's paraphrase-en.gz format), got " + file);
            }
            this.paraphraseTable = file;
            return this;
        }

        /** Loads the resources (WordNet once per JVM; the paraphrase table if set) and builds the scorer. */
        public Meteor build() {
            ParaphraseTable table = paraphraseTable == null ? ParaphraseTable.EMPTY : ParaphraseTable.read(paraphraseTable);
            return new Meteor(this, table);
        }

        private static double inUnitInterval(String name, double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
            }
            return value;
        }
    }
}
