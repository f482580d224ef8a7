package io.github.blip2j.spice;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.semgraph.SemanticGraph;
import edu.stanford.nlp.semgraph.SemanticGraphCoreAnnotations;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a caption into SPICE propositions: Stanford CoreNLP 3.6.0 tokenizes, splits sentences,
 * parses with the English PCFG (whose tags also serve as part-of-speech tags), lemmatizes, and
 * converts each tree to collapsed, CC-processed Universal Dependencies; {@link SceneGraphRules}
 * then reads the propositions off each sentence's graph.
 *
 * <p>SPICE also runs CoreNLP's named-entity recognizer, whose output none of its rules read; it
 * is left out, which saves loading three CRF models and a third of the per-caption time.
 * Thread-safe: the CoreNLP annotators used are.
 */
final class CaptionParser {

    private static final Logger LOG = LoggerFactory.getLogger(CaptionParser.class);

    private final StanfordCoreNLP pipeline;

    CaptionParser() {
        Properties props = new Properties();
        props.setProperty("annotators", "tokenize,ssplit,parse,lemma");
        long start = System.nanoTime();
        this.pipeline = new StanfordCoreNLP(props);
        LOG.debug("CoreNLP pipeline loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** The propositions of one caption, in SPICE's order (sentence by sentence, rule by rule). */
    List<Proposition> parse(String caption) {
        Annotation annotation = new Annotation(caption);
        pipeline.annotate(annotation);
        List<Proposition> out = new ArrayList<>();
        List<CoreMap> sentences = annotation.get(CoreAnnotations.SentencesAnnotation.class);
        if (sentences == null) {
            return out;
        }
        for (CoreMap sentence : sentences) {
            SemanticGraph sg = sentence.get(SemanticGraphCoreAnnotations.CollapsedCCProcessedDependenciesAnnotation.class);
            if (sg != null) {
                SceneGraphRules.extract(sg, out);
            }
        }
        return out;
    }
}
