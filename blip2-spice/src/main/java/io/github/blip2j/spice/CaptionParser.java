package io.github.blip2j.spice;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.parser.common.ParserGrammar;
import edu.stanford.nlp.parser.common.ParserQuery;
import edu.stanford.nlp.parser.common.ParserUtils;
import edu.stanford.nlp.parser.lexparser.LexicalizedParser;
import edu.stanford.nlp.parser.lexparser.SparseInsidePCFGParser;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.MorphaAnnotator;
import edu.stanford.nlp.pipeline.ParserAnnotatorUtils;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.semgraph.SemanticGraph;
import edu.stanford.nlp.semgraph.SemanticGraphFactory;
import edu.stanford.nlp.trees.GrammaticalStructure;
import edu.stanford.nlp.trees.GrammaticalStructureFactory;
import edu.stanford.nlp.trees.Tree;
import edu.stanford.nlp.trees.TreebankLanguagePack;
import edu.stanford.nlp.trees.Trees;
import edu.stanford.nlp.util.CoreMap;
import edu.stanford.nlp.util.Filters;
import edu.stanford.nlp.util.ScoredObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a caption into SPICE propositions with Stanford CoreNLP 3.6.0, configured as SPICE 1.0
 * configures it: PTB tokenizer, sentence splitter, English PCFG parser (whose tags also serve as
 * part-of-speech tags), Morpha lemmatizer, collapsed CC-processed Universal Dependencies; then
 * {@link SceneGraphRules} reads the propositions off each sentence's graph.
 *
 * <p>Work SPICE's pipeline does that no rule reads is skipped: named-entity recognition (three CRF
 * models), and the basic and collapsed dependency graphs that CoreNLP's parse annotator builds
 * next to the CC-processed one. Each thread reuses its parser chart for short sentences. The
 * parse steps are those of CoreNLP's {@code ParserAnnotator} for one best PCFG parse, with the
 * chart's inside pass done by {@link SparseInsidePCFGParser} (same chart, fewer operations).
 * Thread-safe.
 */
final class CaptionParser {

    private static final Logger LOG = LoggerFactory.getLogger(CaptionParser.class);
    private static final String MODEL = "edu/stanford/nlp/models/lexparser/englishPCFG.ser.gz";
    /* A reused parser query keeps charts sized for the longest sentence it saw; beyond this
       length a query is used once and dropped, so long captions do not pin gigabytes per thread. */
    private static final int MAX_REUSED_LENGTH = 40;
    /** System property: {@code false} runs CoreNLP's own inside pass instead of the sparse one (same parses, slower). */
    static final String SPARSE_INSIDE_PROPERTY = "blip2j.spice.sparseInside";

    private final StanfordCoreNLP tokenizer;
    private final MorphaAnnotator lemmatizer = new MorphaAnnotator(false);
    private final ParserGrammar parser;
    private final GrammaticalStructureFactory structures;
    private final ThreadLocal<ParserQuery> queries;
    private final boolean sparseInside;

    CaptionParser() {
        long start = System.nanoTime();
        Properties props = new Properties();
        props.setProperty("annotators", "tokenize,ssplit");
        this.tokenizer = new StanfordCoreNLP(props);
        // As ParserAnnotator("parse", defaults) loads and configures it.
        this.parser = ParserGrammar.loadModel(MODEL);
        parser.setOptionFlags(parser.defaultCoreNLPFlags());
        parser.getTLPParams().setGenerateOriginalDependencies(false);
        TreebankLanguagePack tlp = parser.getTLPParams().treebankLanguagePack();
        this.structures = tlp.grammaticalStructureFactory(Filters.acceptFilter(),
            parser.getTLPParams().typedDependencyHeadFinder());
        this.sparseInside = parser instanceof LexicalizedParser
            && Boolean.parseBoolean(System.getProperty(SPARSE_INSIDE_PROPERTY, "true"));
        this.queries = ThreadLocal.withInitial(this::newQuery);
        LOG.debug("CoreNLP tokenizer and parser loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** The propositions of one caption, in SPICE's order (sentence by sentence, rule by rule). */
    List<Proposition> parse(String caption) {
        Annotation annotation = new Annotation(caption);
        tokenizer.annotate(annotation);
        List<CoreMap> sentences = annotation.get(CoreAnnotations.SentencesAnnotation.class);
        List<Proposition> out = new ArrayList<>();
        if (sentences == null || sentences.isEmpty()) {
            return out;
        }
        List<SemanticGraph> graphs = new ArrayList<>(sentences.size());
        for (CoreMap sentence : sentences) {
            graphs.add(dependencies(sentence));
        }
        lemmatizer.annotate(annotation);
        for (SemanticGraph sg : graphs) {
            SceneGraphRules.extract(sg, out);
        }
        return out;
    }

    /* ParserAnnotator.doOneSentence + fillInParseAnnotations, keeping only the CC-processed graph. */
    private SemanticGraph dependencies(CoreMap sentence) {
        List<CoreLabel> words = sentence.get(CoreAnnotations.TokensAnnotation.class);
        Tree tree = bestParse(words);
        if (tree == null) {
            // CoreNLP's fallback when the parser fails (e.g. out of memory): a flat tree, tag XX.
            tree = ParserUtils.xTree(words);
            for (CoreLabel word : words) {
                if (word.tag() == null) {
                    word.setTag("XX");
                }
            }
        }
        Trees.convertToCoreLabels(tree);
        tree.indexSpans(0);
        ParserAnnotatorUtils.setMissingTags(sentence, tree);
        return SemanticGraphFactory.generateCCProcessedDependencies(structures.newGrammaticalStructure(tree),
            GrammaticalStructure.Extras.NONE);
    }

    /* CoreNLP's query, with the sparse inside pass unless disabled: identical charts, about 2x faster. */
    private ParserQuery newQuery() {
        return sparseInside ? SparseInsidePCFGParser.query((LexicalizedParser) parser) : parser.parserQuery();
    }

    /** Whether this parser's queries use {@link SparseInsidePCFGParser}. */
    boolean usesSparseInside() {
        return SparseInsidePCFGParser.isInstalled(queries.get());
    }

    private Tree bestParse(List<CoreLabel> words) {
        boolean reuse = words.size() <= MAX_REUSED_LENGTH;
        ParserQuery query = reuse ? queries.get() : newQuery();
        try {
            query.setConstraints(null);
            query.parse(words);
            List<ScoredObject<Tree>> best = query.getKBestPCFGParses(1);
            if (best == null || best.isEmpty()) {
                LOG.warn("CoreNLP found no parse for a {}-token sentence; using a flat tree", words.size());
                return null;
            }
            Tree tree = best.get(0).object();
            tree.setScore(best.get(0).score() % -10000.0);
            return tree;
        } catch (OutOfMemoryError e) {
            queries.remove();
            LOG.warn("CoreNLP ran out of memory parsing a {}-token sentence; using a flat tree", words.size());
            return null;
        } catch (RuntimeException e) {
            if (!"edu.stanford.nlp.util.NoSuchParseException".equals(e.getClass().getName())) {
                throw e;
            }
            LOG.warn("CoreNLP failed to parse a {}-token sentence; using a flat tree", words.size());
            return null;
        }
    }
}
