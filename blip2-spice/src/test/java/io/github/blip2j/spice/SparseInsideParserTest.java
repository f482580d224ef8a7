package io.github.blip2j.spice;

import static org.assertj.core.api.Assertions.assertThat;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.ling.Sentence;
import edu.stanford.nlp.parser.common.ParserGrammar;
import edu.stanford.nlp.parser.common.ParserQuery;
import edu.stanford.nlp.parser.lexparser.LexicalizedParser;
import edu.stanford.nlp.parser.lexparser.SparseInsidePCFGParser;
import edu.stanford.nlp.trees.Tree;
import edu.stanford.nlp.util.ScoredObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sparse inside pass gives CoreNLP's own best parse and score, tree for tree, on fixture
 * captions of every length up to 30 tokens (the SPICE parity tests check the propositions too).
 */
class SparseInsideParserTest {

    @Test
    void bestParsesAndScoresEqualCoreNlpsOwn() {
        LexicalizedParser parser = (LexicalizedParser) ParserGrammar.loadModel("edu/stanford/nlp/models/lexparser/englishPCFG.ser.gz");
        parser.setOptionFlags(parser.defaultCoreNLPFlags());
        ParserQuery stock = parser.parserQuery();
        ParserQuery sparse = SparseInsidePCFGParser.query(parser);
        assertThat(SparseInsidePCFGParser.isInstalled(stock)).isFalse();
        assertThat(SparseInsidePCFGParser.isInstalled(sparse)).isTrue();

        // one caption per token count 1..30 that occurs, from coco500's references and candidates
        java.util.Map<Integer, Integer> perLength = new java.util.HashMap<>();
        List<String> captions = new ArrayList<>();
        for (SpiceFixture.Image img : SpiceFixture.load("coco500").images()) {
            List<String> all = new ArrayList<>(img.refs());
            all.add(img.candidate());
            for (String c : all) {
                int n = c.isEmpty() ? 0 : c.split(" ").length;
                if (n >= 1 && n <= 30 && perLength.merge(n, 1, Integer::sum) == 1) {
                    captions.add(c);
                }
            }
        }
        captions.add("a dog");   // parsed again after a long sentence: reused chart, stale cells must not leak
        assertThat(captions).hasSizeGreaterThan(20);
        long before = SparseInsidePCFGParser.sparsePasses();
        for (String caption : captions) {
            assertThat(best(sparse, caption)).as(caption).isEqualTo(best(stock, caption));
        }
        assertThat(SparseInsidePCFGParser.sparsePasses() - before).as("sparse passes run").isGreaterThanOrEqualTo(captions.size());
    }

    private static String best(ParserQuery query, String caption) {
        List<CoreLabel> words = Sentence.toCoreLabelList(caption.split(" "));
        query.setConstraints(null);   // as CaptionParser calls it
        query.parse(words);
        ScoredObject<Tree> best = query.getKBestPCFGParses(1).get(0);
        return best.score() + " " + best.object();
    }
}
