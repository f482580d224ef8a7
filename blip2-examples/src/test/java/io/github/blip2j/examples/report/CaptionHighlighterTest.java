package io.github.blip2j.examples.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blip2j.metrics.analysis.CaptionErrorLabels;
import io.github.blip2j.metrics.analysis.ErrorAnalyzer;
import io.github.blip2j.metrics.analysis.GroundTruthObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptionHighlighterTest {

    private static final ErrorAnalyzer ANALYZER = ErrorAnalyzer.builder().build();
    private static final List<String> REFS = List.of("a red circle above a blue square", "a red circle and a blue square",
            "two shapes: a red circle and a blue square");
    private static final List<GroundTruthObject> OBJECTS = List.of(GroundTruthObject.of("red", "circle"),
            GroundTruthObject.of("blue", "square"));

    private static String html(String caption) {
        CaptionErrorLabels labels = ANALYZER.analyzeCaption("img", caption, REFS, OBJECTS);
        return CaptionHighlighter.toHtml(caption, labels);
    }

    @Test
    void correctObjectsAreUnderlinedAndTheRestIsCopied() {
        assertThat(html("a red circle above a blue square"))
                .isEqualTo("a <mark class=\"ok\">red circle</mark> above a <mark class=\"ok\">blue square</mark>");
    }

    @Test
    void hallucinatedObjectAndWrongColourAreMarked() {
        assertThat(html("a green circle and a yellow star"))
                .isEqualTo("a <mark class=\"attr\">green circle</mark> and a <mark class=\"hall\">yellow star</mark>");
    }

    @Test
    void repeatedPhrasesAreMarkedWhereNotAlreadyAnError() {
        String h = html("a red circle on a table on a table on a table");
        assertThat(h).contains("<mark class=\"ok\">red circle</mark>").contains("mark class=\"rep\"");
        assertThat(h).contains("<mark class=\"hall\">table</mark>");
    }

    @Test
    void textIsEscapedAndPunctuationKept() {
        assertThat(html("a red circle & <blue> square!"))
                .isEqualTo("a <mark class=\"ok\">red circle</mark> &amp; &lt;<mark class=\"ok\">blue&gt; square</mark>!");
    }

    @Test
    void adjacentPhrasesStaySeparateMarks() {
        assertThat(html("a red circle blue square"))
                .isEqualTo("a <mark class=\"ok\">red circle</mark> <mark class=\"ok\">blue square</mark>");
    }

    @Test
    void withoutLabelsTheCaptionIsOnlyEscaped() {
        assertThat(CaptionHighlighter.toHtml("a \"quoted\" caption", null)).isEqualTo("a &quot;quoted&quot; caption");
    }
}
