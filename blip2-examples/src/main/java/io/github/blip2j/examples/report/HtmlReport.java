package io.github.blip2j.examples.report;

import io.github.blip2j.metrics.analysis.AttributeError;
import io.github.blip2j.metrics.analysis.CaptionErrorLabels;
import io.github.blip2j.metrics.analysis.ObjectLabels;
import io.github.blip2j.metrics.analysis.ObjectMention;
import io.github.blip2j.metrics.analysis.ReferenceLabels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (images as {@code data:} URIs, inline CSS and SVG,
 * no script, nothing fetched) with the run facts, the metrics table (one row per score, one column
 * per strategy and phase), the training loss curve and a gallery of images, each with its
 * references and every strategy's caption, error labels marked in the text and listed beside it.
 *
 * <p>Elements carry stable ids and data attributes for tests and scripts: {@code #metrics-table}
 * with {@code tr[data-score]} and {@code td[data-strategy][data-phase]}, {@code #loss-curve},
 * {@code #gallery} with {@code figure.item[data-image]} and {@code tr.caption[data-strategy][data-phase]}.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /** Writes the page atomically. */
    public static void write(ReportData data, Path file) {
        ReportFiles.writeAtomically(file, render(data));
    }

    /** The page. */
    public static String render(ReportData data) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Html.escape(data.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(Html.escape(data.title())).append("</h1>\n");
        info(h, data);
        metricsTable(h, data);
        lossCurve(h, data);
        gallery(h, data);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void info(StringBuilder h, ReportData data) {
        if (data.info().isEmpty()) {
            return;
        }
        h.append("<section id=\"info\">\n<table class=\"info\">\n");
        data.info().forEach((k, v) -> h.append("<tr><th>").append(Html.escape(k)).append("</th><td>")
                .append(Html.escape(v instanceof Double d ? format(d) : String.valueOf(v))).append("</td></tr>\n"));
        h.append("</table>\n</section>\n");
    }

    private static void metricsTable(StringBuilder h, ReportData data) {
        List<Phase> phases = data.phases();
        h.append("<section id=\"metrics\">\n<h2>Metrics</h2>\n<p class=\"note\">Corpus scores on the evaluated images"
                + " (pycocoevalcap definitions; error rates from the caption error analysis). Green: better after"
                + " training, red: worse.</p>\n<div class=\"scroll\"><table id=\"metrics-table\">\n<thead>\n<tr><th rowspan=\"2\">score</th>");
        for (Map.Entry<String, String> s : data.strategies().entrySet()) {
            h.append("<th colspan=\"").append(phases.size()).append("\" data-strategy=\"").append(Html.escape(s.getKey()))
                    .append("\">").append(Html.escape(s.getKey())).append("<br><small>")
                    .append(Html.escape(s.getValue())).append("</small></th>");
        }
        h.append("</tr>\n<tr>");
        for (int i = 0; i < data.strategies().size(); i++) {
            for (Phase p : phases) {
                h.append("<th>").append(p.key()).append("</th>");
            }
        }
        h.append("</tr>\n</thead>\n<tbody>\n");
        for (String score : data.scoreNames()) {
            h.append("<tr data-score=\"").append(Html.escape(score)).append("\"><th>").append(Html.escape(score)).append("</th>");
            for (String s : data.strategies().keySet()) {
                Map<Phase, StrategyRun> runs = data.runs().get(s);
                Double before = value(runs.get(Phase.BEFORE), score);
                for (Phase p : phases) {
                    Double v = value(runs.get(p), score);
                    String cls = p == Phase.AFTER ? change(score, before, v) : "";
                    h.append("<td data-strategy=\"").append(Html.escape(s)).append("\" data-phase=\"").append(p.key())
                            .append('"').append(cls.isEmpty() ? "" : " class=\"" + cls + "\"").append('>')
                            .append(v == null ? "&ndash;" : format(v)).append("</td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n</section>\n");
    }

    private static Double value(StrategyRun run, String score) {
        return run == null ? null : run.scores().get(score);
    }

    private static String change(String score, Double before, Double after) {
        if (before == null || after == null || !Double.isFinite(before) || !Double.isFinite(after)
                || Math.abs(after - before) < 1e-9) {
            return "";
        }
        boolean up = after > before;
        return up == ScoreDirection.higherIsBetter(score) ? "better" : "worse";
    }

    private static void lossCurve(StringBuilder h, ReportData data) {
        String svg = LossCurveSvg.render(data.loss());
        if (svg == null) {
            return;
        }
        h.append("<section id=\"training\">\n<h2>Training loss</h2>\n<p class=\"note\">Cross-entropy per caption"
                + " token; the line is the training loss (moving average), dots are validation passes.</p>\n")
                .append(svg).append("\n</section>\n");
    }

    private static void gallery(StringBuilder h, ReportData data) {
        if (data.gallery().isEmpty()) {
            return;
        }
        h.append("<section id=\"gallery\">\n<h2>Gallery</h2>\n<p class=\"note\">Marked in the captions: "
                + "<mark class=\"hall\">hallucinated</mark> (not in the image or in no reference), "
                + "<mark class=\"attr\">wrong colour or size</mark>, <mark class=\"rep\">repeated</mark>, "
                + "<mark class=\"ok\">correct object</mark>.</p>\n<div class=\"items\">\n");
        List<Phase> phases = data.phases();
        for (String id : data.gallery()) {
            h.append("<figure class=\"item\" data-image=\"").append(Html.escape(id)).append("\">\n");
            Path img = data.images().get(id);
            if (img != null) {
                h.append("<img src=\"").append(ImageEmbedder.dataUri(img)).append("\" alt=\"").append(Html.escape(id))
                        .append("\">\n");
            }
            h.append("<figcaption>").append(Html.escape(id)).append("</figcaption>\n");
            if (data.objects() != null && data.objects().containsKey(id)) {
                List<String> labels = data.objects().get(id).stream().map(o -> o.label()).toList();
                h.append("<p class=\"objects\">objects: ").append(Html.escape(String.join(", ", labels))).append("</p>\n");
            }
            h.append("<ol class=\"refs\">");
            for (String r : data.references().get(id)) {
                h.append("<li>").append(Html.escape(r)).append("</li>");
            }
            h.append("</ol>\n<table class=\"captions\">\n");
            // After training first: it is what the gallery is about; before-training rows are faint.
            for (int i = phases.size() - 1; i >= 0; i--) {
                Phase p = phases.get(i);
                for (String s : data.strategies().keySet()) {
                    StrategyRun run = data.runs().get(s).get(p);
                    if (run != null && run.predictions().containsKey(id)) {
                        captionRow(h, s, p, phases.size() > 1, run, id);
                    }
                }
            }
            h.append("</table>\n</figure>\n");
        }
        h.append("</div>\n</section>\n");
    }

    private static void captionRow(StringBuilder h, String strategy, Phase phase, boolean showPhase, StrategyRun run,
                                   String id) {
        String caption = run.predictions().get(id);
        CaptionErrorLabels labels = run.errors().captions().get(id);
        h.append("<tr class=\"caption ").append(phase.key()).append("\" data-strategy=\"").append(Html.escape(strategy))
                .append("\" data-phase=\"").append(phase.key()).append("\"><th>").append(Html.escape(strategy));
        if (showPhase) {
            h.append("<br><small>").append(phase.key()).append("</small>");
        }
        h.append("</th><td class=\"text\">").append(CaptionHighlighter.toHtml(caption, labels)).append("</td><td class=\"labels\">");
        for (String[] label : labels(labels)) {
            h.append("<span class=\"label ").append(label[0]).append("\">").append(Html.escape(label[1])).append("</span> ");
        }
        h.append("</td></tr>\n");
    }

    /** (css class, text) of every error label of a caption. */
    static List<String[]> labels(CaptionErrorLabels labels) {
        List<String[]> out = new ArrayList<>();
        if (labels == null) {
            return out;
        }
        ObjectLabels o = labels.objects();
        if (o != null) {
            for (ObjectMention m : o.hallucinated()) {
                out.add(new String[] {"hall", "hallucinated: " + m.label()});
            }
            for (AttributeError e : o.attributeErrors()) {
                out.add(new String[] {"attr", e.describe()});
            }
            o.omitted().forEach(g -> out.add(new String[] {"omit", "omitted: " + g.label()}));
        }
        ReferenceLabels r = labels.references();
        r.hallucinated().forEach(n -> out.add(new String[] {"hall", "not in references: " + n}));
        r.omitted().forEach(n -> out.add(new String[] {"omit", "omitted noun: " + n}));
        r.repeatedNgrams().forEach(g -> out.add(new String[] {"rep", "repeated: " + g}));
        if (out.isEmpty()) {
            out.add(new String[] {"none", "no error found"});
        }
        return out;
    }

    static String format(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static final String CSS = """
            body { font-family: system-ui, sans-serif; margin: 24px; color: #222; max-width: 1400px; }
            h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; }
            .note { color: #555; font-size: 0.9em; }
            table { border-collapse: collapse; }
            th, td { padding: 3px 8px; border: 1px solid #ddd; text-align: left; vertical-align: top; }
            table.info th { background: #f5f5f5; font-weight: normal; color: #444; }
            #metrics-table td { text-align: right; font-variant-numeric: tabular-nums; }
            #metrics-table thead th { background: #f0f3f8; text-align: center; }
            #metrics-table td.better { background: #e3f6e5; } #metrics-table td.worse { background: #fbe4e4; }
            .scroll { overflow-x: auto; }
            svg text { font-size: 11px; fill: #444; }
            svg .axis { stroke: #444; } svg .grid { stroke: #eee; }
            svg .train { stroke: #1f6fd1; stroke-width: 2; } svg .raw { stroke: #1f6fd1; stroke-opacity: 0.2; }
            svg .val { fill: #e07b00; }
            .items { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 16px; }
            figure.item { margin: 0; padding: 10px; border: 1px solid #ddd; border-radius: 6px; }
            figure.item img { width: 160px; height: auto; image-rendering: pixelated; float: left; margin: 0 12px 8px 0; }
            figcaption { font-family: monospace; font-size: 0.85em; color: #666; }
            .objects { font-size: 0.9em; color: #333; }
            ol.refs { font-size: 0.85em; color: #444; margin: 4px 0; padding-left: 1.4em; overflow: hidden; }
            table.captions { clear: both; width: 100%; font-size: 0.9em; }
            table.captions th { width: 7em; font-weight: 600; }
            tr.caption.before td, tr.caption.before th { color: #999; }
            mark.hall { background: #ffc9c9; } mark.attr { background: #ffe3a3; }
            mark.rep { background: #e2d4ff; } mark.ok { background: none; border-bottom: 2px solid #4caf50; }
            .label { display: inline-block; font-size: 0.78em; padding: 0 5px; margin: 1px 0; border-radius: 3px; }
            .label.hall { background: #ffc9c9; } .label.attr { background: #ffe3a3; }
            .label.omit { background: #d7e7ff; } .label.rep { background: #e2d4ff; } .label.none { color: #4caf50; }
            """;
}
