package io.github.blip2j.metrics.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Error analysis of predicted captions: against reference captions (hallucinated and omitted nouns,
 * repetition, element count; see {@link ReferenceAnalyzer}) and, when the image's objects are known,
 * against them (object recall, hallucinated and omitted objects, attribute errors; see
 * {@link ObjectAnalyzer}).
 *
 * <pre>{@code
 * ErrorAnalysis a = ErrorAnalyzer.builder().build().analyze(predictions, references, objects);
 * a.rates().toMap();   // object_recall, object_hallucination_rate, hallucination_rate, ...
 * a.toJson();
 * }</pre>
 */
public final class ErrorAnalyzer {

    private final ReferenceAnalyzer referenceAnalyzer;
    private final ObjectAnalyzer objectAnalyzer;

    private ErrorAnalyzer(Builder b) {
        this.referenceAnalyzer = new ReferenceAnalyzer(new NounExtractor(b.lexicon, b.synonyms),
                new RepetitionDetector(b.repetitionMinNgram), b.omissionMinReferences);
        this.objectAnalyzer = new ObjectAnalyzer(b.objectVocabulary);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Against references only. */
    public ErrorAnalysis analyze(Map<String, String> predictions, Map<String, List<String>> references) {
        return analyze(predictions, references, null);
    }

    /**
     * Against references and, when {@code objects} is not null, ground-truth objects.
     *
     * @param predictions image id to predicted caption; the output keeps this map's order
     * @param references  image id to reference captions; must cover every predicted image
     * @param objects     image id to its objects, or {@code null}; when given, must cover every predicted image
     */
    public ErrorAnalysis analyze(Map<String, String> predictions, Map<String, List<String>> references,
                                 Map<String, List<GroundTruthObject>> objects) {
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(references, "references");
        List<CaptionErrorLabels> labels = new ArrayList<>(predictions.size());
        int nouns = 0, hallNouns = 0, hallCaptions = 0, salient = 0, omittedNouns = 0, repetitive = 0, ge3 = 0;
        int objs = 0, mentions = 0, recalled = 0, falseMentions = 0, colourErrors = 0, sizeErrors = 0, omittedObjs = 0;
        for (Map.Entry<String, String> e : predictions.entrySet()) {
            String id = e.getKey();
            List<String> refs = references.get(id);
            if (refs == null) {
                throw new IllegalArgumentException("no references for predicted image '" + id + "'");
            }
            List<GroundTruthObject> truth = null;
            if (objects != null) {
                truth = objects.get(id);
                if (truth == null) {
                    throw new IllegalArgumentException("no ground-truth objects for predicted image '" + id + "'");
                }
            }
            CaptionErrorLabels l = analyzeCaption(id, e.getValue() == null ? "" : e.getValue(), refs, truth);
            labels.add(l);
            ReferenceLabels r = l.references();
            nouns += r.nouns().size();
            hallNouns += r.hallucinated().size();
            hallCaptions += r.hallucinated().isEmpty() ? 0 : 1;
            salient += r.salient().size();
            omittedNouns += r.omitted().size();
            repetitive += r.repetitive() ? 1 : 0;
            ge3 += r.elementsGe3() ? 1 : 0;
            if (l.objects() != null) {
                ObjectLabels o = l.objects();
                objs += o.objects().size();
                mentions += o.mentions().size();
                recalled += o.recalled().size();
                falseMentions += o.falseMentions();
                colourErrors += o.colourErrors();
                sizeErrors += o.sizeErrors();
                omittedObjs += o.omitted().size();
            }
        }
        ErrorCounts counts = new ErrorCounts(predictions.size(), nouns, hallNouns, hallCaptions, salient,
                omittedNouns, repetitive, ge3, objects != null, objs, mentions, recalled, falseMentions,
                colourErrors, sizeErrors, omittedObjs);
        return new ErrorAnalysis(counts, labels);
    }

    /** The labels of one caption; {@code objects} may be null when unknown. */
    public CaptionErrorLabels analyzeCaption(String imageId, String prediction, List<String> references,
                                             List<GroundTruthObject> objects) {
        ReferenceLabels r = referenceAnalyzer.analyze(prediction, references);
        ObjectLabels o = objects == null ? null : objectAnalyzer.analyze(prediction, objects);
        return new CaptionErrorLabels(imageId, prediction, r, o);
    }

    /** Settings; every one has a default. */
    public static final class Builder {
        private ObjectVocabulary objectVocabulary = ObjectVocabulary.demo();
        private NounLexicon lexicon = NounLexicon.defaults();
        private SynonymTable synonyms = SynonymTable.defaults();
        private int omissionMinReferences = ReferenceAnalyzer.DEFAULT_MIN_REFERENCES;
        private int repetitionMinNgram = RepetitionDetector.DEFAULT_MIN_NGRAM;

        private Builder() {
        }

        /** The colours, shapes and sizes object mentions are parsed with (default: the demo's). */
        public Builder objectVocabulary(ObjectVocabulary v) {
            this.objectVocabulary = Objects.requireNonNull(v, "objectVocabulary");
            return this;
        }

        /** The nouns that count as content (default: {@link NounLexicon#defaults()}). */
        public Builder nounLexicon(NounLexicon l) {
            this.lexicon = Objects.requireNonNull(l, "nounLexicon");
            return this;
        }

        /** Synonyms and hypernyms for noun matching (default: {@link SynonymTable#defaults()}). */
        public Builder synonyms(SynonymTable s) {
            this.synonyms = Objects.requireNonNull(s, "synonyms");
            return this;
        }

        /** References that must mention a concept for its omission to count (default 3; 1..100). */
        public Builder omissionMinReferences(int n) {
            if (n < 1 || n > 100) {
                throw new IllegalArgumentException("omissionMinReferences must be in 1..100, got " + n);
            }
            this.omissionMinReferences = n;
            return this;
        }

        /** Length from which a non-adjacent repeated n-gram is flagged (default 4; 2..20). */
        public Builder repetitionMinNgram(int n) {
            if (n < 2 || n > 20) {
                throw new IllegalArgumentException("repetitionMinNgram must be in 2..20, got " + n);
            }
            this.repetitionMinNgram = n;
            return this;
        }

        public ErrorAnalyzer build() {
            return new ErrorAnalyzer(this);
        }
    }
}
