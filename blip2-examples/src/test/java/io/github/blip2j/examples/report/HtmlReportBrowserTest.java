package io.github.blip2j.examples.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlImage;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTable;
import org.htmlunit.util.WebConnectionWrapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens report.html in HtmlUnit (a headless browser engine) as a person would and checks what is on
 * the page: the metrics table with a row per score and a cell per strategy and phase, the loss
 * curve, and a gallery of images with references and highlighted captions; and that the page
 * asks the network for nothing.
 */
class HtmlReportBrowserTest {

    @TempDir
    static Path tmp;
    static ReportData report;
    static HtmlPage page;
    static final List<String> requested = new ArrayList<>();

    @BeforeAll
    static void render() throws IOException {
        report = new ReportFixture(tmp.resolve("data"), 24).report(20);
        Path html = tmp.resolve("out/report.html");
        HtmlReport.write(report, html);
        WebClient client = new WebClient(BrowserVersion.FIREFOX);
        client.getOptions().setJavaScriptEnabled(false);
        client.getOptions().setCssEnabled(true);
        client.getOptions().setDownloadImages(true);
        new WebConnectionWrapper(client) {
            @Override
            public WebResponse getResponse(WebRequest request) throws IOException {
                requested.add(request.getUrl().toString());
                return super.getResponse(request);
            }
        };
        URL url = html.toUri().toURL();
        page = client.getPage(url);
    }

    @Test
    void metricsTableHasARowPerScoreAndACellPerStrategyAndPhase() {
        HtmlTable table = (HtmlTable) page.getElementById("metrics-table");
        assertThat(table).isNotNull();
        List<String> scores = new ArrayList<>();
        for (DomNode row : table.querySelectorAll("tbody tr")) {
            scores.add(((DomElement) row).getAttribute("data-score"));
        }
        assertThat(scores).contains("Bleu_4", "METEOR", "ROUGE_L", "CIDEr", "Distinct_1", "SelfBLEU_4", "object_recall",
                "object_hallucination_rate", "hallucination_rate", "omission_rate", "repetition_rate",
                "elements_ge3_rate");
        assertThat(scores).hasSize(report.scoreNames().size());
        // Two strategies x two phases per row (the 'bad' strategy has no 'before': a dash).
        DomElement cider = (DomElement) table.querySelector("tr[data-score='CIDEr']");
        assertThat(cider.querySelectorAll("td")).hasSize(4);
        DomElement after = (DomElement) cider.querySelector("td[data-strategy='good'][data-phase='after']");
        double expected = report.runs().get("good").get(Phase.AFTER).scores().get("CIDEr");
        assertThat(Double.parseDouble(after.getTextContent())).isCloseTo(expected, org.assertj.core.data.Offset.offset(6e-4));
        assertThat(after.getAttribute("class")).isEqualTo("better");
        DomElement missing = (DomElement) cider.querySelector("td[data-strategy='bad'][data-phase='before']");
        assertThat(missing.getTextContent()).isEqualTo("\u2013");
        // Headers show the escaped description as text.
        assertThat(table.asNormalizedText()).contains("wrong on purpose & <escaped>");
    }

    @Test
    void recallDropsAreMarkedWorseAndHallucinationDropsBetter() {
        DomElement hall = (DomElement) page.querySelector(
                "tr[data-score='object_hallucination_rate'] td[data-strategy='good'][data-phase='after']");
        assertThat(hall.getAttribute("class")).isEqualTo("better");
        assertThat(Double.parseDouble(hall.getTextContent())).isZero();
    }

    @Test
    void galleryShowsTwentyImagesWithReferencesAndEveryStrategysCaption() {
        DomElement gallery = page.getElementById("gallery");
        assertThat(gallery).isNotNull();
        List<DomNode> items = new ArrayList<>(gallery.querySelectorAll("figure.item"));
        assertThat(items).hasSize(20);
        for (DomNode node : items) {
            DomElement item = (DomElement) node;
            String id = item.getAttribute("data-image");
            HtmlImage img = (HtmlImage) item.querySelector("img");
            assertThat(img.getSrc()).startsWith("data:image/png;base64,");
            assertThat(item.querySelectorAll("ol.refs li")).hasSize(5);
            assertThat(item.querySelectorAll("tr.caption[data-phase='after']")).hasSize(2);
            assertThat(item.querySelectorAll("tr.caption[data-phase='before']")).hasSize(1);
            String good = ((DomElement) item.querySelector("tr.caption[data-strategy='good'][data-phase='after'] td.text"))
                    .asNormalizedText();
            assertThat(good).isEqualTo(report.references().get(id).get(0));
        }
    }

    @Test
    void imagesDecodeInTheBrowser() throws IOException {
        HtmlImage img = (HtmlImage) page.querySelector("#gallery figure.item img");
        assertThat(img.getWidth()).isEqualTo(48);
        assertThat(img.getHeight()).isEqualTo(48);
    }

    @Test
    void errorsAreHighlightedInTheCaptionAndListedBesideIt() {
        DomElement badRow = (DomElement) page.querySelector("#gallery figure.item tr.caption[data-strategy='bad']");
        List<String> marks = new ArrayList<>();
        for (DomNode m : badRow.querySelectorAll("td.text mark.hall")) {
            marks.add(m.asNormalizedText());
        }
        assertThat(marks).contains("purple cross");
        assertThat(badRow.querySelectorAll("td.text mark.attr")).hasSize(1);
        assertThat(badRow.querySelectorAll("td.text mark.rep")).isNotEmpty();
        String labels = ((DomElement) badRow.querySelector("td.labels")).asNormalizedText();
        assertThat(labels).contains("hallucinated: purple cross", "colour: said", "omitted:", "repeated:");
        // The caption's markup-like text is shown as text, not parsed.
        assertThat(((DomElement) badRow.querySelector("td.text")).asNormalizedText()).endsWith("<b>");
        assertThat(badRow.querySelectorAll("td.text b")).isEmpty();
    }

    @Test
    void lossCurveIsInlineSvg() {
        DomElement svg = page.getElementById("loss-curve");
        assertThat(svg).isNotNull();
        assertThat(svg.getTagName()).isEqualTo("svg");
        assertThat(svg.querySelectorAll("polyline")).isNotEmpty();
        assertThat(svg.querySelectorAll("circle.val")).hasSize(1);
    }

    @Test
    void pageFetchesNothingButItself() throws IOException {
        // file: and data: URLs never reach the web connection; anything else (http, https) would.
        assertThat(requested).isEmpty();
        String html = Files.readString(tmp.resolve("out/report.html"));
        assertThat(html).doesNotContain("http:", "https:", "src=\"file", "<script", "<link");
    }
}
