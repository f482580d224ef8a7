package io.github.blip2j.examples.report;

import java.util.List;
import java.util.Locale;

/**
 * The training curve as inline SVG: training loss per step as a line (smoothed with a moving
 * average when there are many steps, the raw values faint behind it), validation passes as dots,
 * with labelled axes. No script, no external resource.
 */
final class LossCurveSvg {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 300;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;

    private LossCurveSvg() {
    }

    /** The {@code <svg>} element, or {@code null} when there is no finite point to draw. */
    static String render(List<LossPoint> points) {
        List<LossPoint> finite = points.stream().filter(p -> Double.isFinite(p.loss())).toList();
        if (finite.isEmpty()) {
            return null;
        }
        long minStep = finite.stream().mapToLong(LossPoint::step).min().orElse(0);
        long maxStep = Math.max(minStep + 1, finite.stream().mapToLong(LossPoint::step).max().orElse(1));
        double maxLoss = finite.stream().mapToDouble(LossPoint::loss).max().orElse(1);
        double minLoss = Math.min(0, finite.stream().mapToDouble(LossPoint::loss).min().orElse(0));
        double top = niceCeiling(maxLoss);
        Scale sx = new Scale(minStep, maxStep, LEFT, WIDTH - RIGHT);
        Scale sy = new Scale(minLoss, top, HEIGHT - BOTTOM, TOP);

        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg id=\"loss-curve\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"training loss by step\">\n");
        axes(svg, sx, sy, minStep, maxStep, minLoss, top);
        List<LossPoint> train = finite.stream().filter(p -> !p.validation()).toList();
        if (!train.isEmpty()) {
            int window = Math.max(1, train.size() / 50);
            if (window > 1) {
                polyline(svg, train, sx, sy, "raw", 1);
            }
            polyline(svg, train, sx, sy, "train", window);
        }
        for (LossPoint p : finite) {
            if (p.validation()) {
                svg.append(String.format(Locale.ROOT, "<circle class=\"val\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"><title>"
                        + "validation loss %.4f at step %d</title></circle>%n", sx.at(p.step()), sy.at(p.loss()),
                        p.loss(), p.step()));
            }
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">optimizer step</text>%n",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 6));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" "
                + "text-anchor=\"middle\">loss</text>%n", (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2));
        return svg.append("</svg>").toString();
    }

    private static void axes(StringBuilder svg, Scale sx, Scale sy, long minStep, long maxStep, double minLoss, double top) {
        svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n",
                LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n",
                LEFT, TOP, LEFT, HEIGHT - BOTTOM));
        for (int i = 0; i <= 4; i++) {
            double v = minLoss + (top - minLoss) * i / 4;
            double y = sy.at(v);
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, y, WIDTH - RIGHT, y, LEFT - 6,
                    y + 4, trim(v)));
        }
        for (int i = 0; i <= 5; i++) {
            long step = minStep + Math.round((double) (maxStep - minStep) * i / 5);
            double x = sx.at(step);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                    x, HEIGHT - BOTTOM + 16, step));
        }
    }

    /** The points as a line, each value the mean of the {@code window} values ending at it. */
    private static void polyline(StringBuilder svg, List<LossPoint> pts, Scale sx, Scale sy, String cls, int window) {
        svg.append("<polyline class=\"").append(cls).append("\" fill=\"none\" points=\"");
        double sum = 0;
        for (int i = 0; i < pts.size(); i++) {
            sum += pts.get(i).loss();
            if (i >= window) {
                sum -= pts.get(i - window).loss();
            }
            double mean = sum / Math.min(i + 1, window);
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.at(pts.get(i).step()), sy.at(mean)));
        }
        svg.append("\"/>\n");
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The smallest of 1, 2, 5 times a power of ten that is at least {@code v}. */
    static double niceCeiling(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** A linear map from data values to pixels. */
    private record Scale(double from, double to, double pixelFrom, double pixelTo) {
        double at(double v) {
            return pixelFrom + (v - from) / (to - from) * (pixelTo - pixelFrom);
        }
    }
}
