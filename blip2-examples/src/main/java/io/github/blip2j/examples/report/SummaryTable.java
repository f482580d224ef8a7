package io.github.blip2j.examples.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metrics table as plain text for the console: one row per score, one column per strategy and
 * phase, e.g.
 * <pre>
 * score                       beam5         topk50_t0.8 ...
 *                        before   after   before   after
 * CIDEr                   0.012   2.345    0.010   1.876
 * </pre>
 */
public final class SummaryTable {

    private SummaryTable() {
    }

    /** The table, lines joined with {@code \n}. */
    public static String render(ReportData data) {
        List<Phase> phases = data.phases();
        int nameWidth = Math.max(5, data.scoreNames().stream().mapToInt(String::length).max().orElse(5));
        int cell = 8;
        List<String> strategies = new ArrayList<>(data.strategies().keySet());
        int group = Math.max(phases.size() * (cell + 1), strategies.stream().mapToInt(String::length).max().orElse(0) + 1);
        StringBuilder out = new StringBuilder();
        out.append(pad("score", nameWidth));
        for (String s : strategies) {
            out.append(' ').append(leftPad(s, group - 1));
        }
        out.append('\n').append(pad("", nameWidth));
        for (int i = 0; i < strategies.size(); i++) {
            StringBuilder g = new StringBuilder();
            for (Phase p : phases) {
                g.append(' ').append(leftPad(p.key(), cell));
            }
            out.append(leftPad(g.toString(), group));
        }
        for (String score : data.scoreNames()) {
            out.append('\n').append(pad(score, nameWidth));
            for (String s : strategies) {
                Map<Phase, StrategyRun> runs = data.runs().get(s);
                StringBuilder g = new StringBuilder();
                for (Phase p : phases) {
                    StrategyRun run = runs.get(p);
                    Double v = run == null ? null : run.scores().get(score);
                    g.append(' ').append(leftPad(v == null ? "-" : HtmlReport.format(v), cell));
                }
                out.append(leftPad(g.toString(), group));
            }
        }
        return out.toString();
    }

    private static String pad(String s, int width) {
        return String.format(Locale.ROOT, "%-" + width + "s", s);
    }

    private static String leftPad(String s, int width) {
        return String.format(Locale.ROOT, "%" + width + "s", s);
    }
}
