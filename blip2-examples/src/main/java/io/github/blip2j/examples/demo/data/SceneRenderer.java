package io.github.blip2j.examples.demo.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;
import java.util.Random;

/**
 * Paints a scene with Java2D (works headless: no display or fonts are needed): a grey background
 * with optional per-pixel noise, then each object, antialiased, with a thin darker outline so white
 * and yellow objects stay visible on light grey.
 */
final class SceneRenderer {

    private final int size;
    private final int noise;

    /**
     * @param size  image width and height in pixels
     * @param noise background noise amplitude in grey levels (0 = flat background)
     */
    SceneRenderer(int size, int noise) {
        this.size = size;
        this.noise = noise;
    }

    BufferedImage render(List<SceneObject> objects, int background, Random rnd) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int g = noise == 0 ? background : clamp(background + rnd.nextInt(2 * noise + 1) - noise);
            pixels[i] = g << 16 | g << 8 | g;
        }
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setStroke(new BasicStroke(Math.max(1f, size / 96f)));
            for (SceneObject o : objects) {
                java.awt.Shape s = outline(o);
                g.setColor(o.colour().rgb());
                g.fill(s);
                g.setColor(o.colour().rgb().darker().darker());
                if (o.colour() == ObjectColour.BLACK) {
                    g.setColor(new Color(60, 60, 60));
                }
                g.draw(s);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private java.awt.Shape outline(SceneObject o) {
        double cx = o.x() * size;
        double cy = o.y() * size;
        double r = o.size().radiusInCells() * size / 3.0;
        return switch (o.shape()) {
            case CIRCLE -> new Ellipse2D.Double(cx - 0.92 * r, cy - 0.92 * r, 1.84 * r, 1.84 * r);
            case SQUARE -> new Rectangle2D.Double(cx - 0.8 * r, cy - 0.8 * r, 1.6 * r, 1.6 * r);
            case TRIANGLE -> polygon(cx, cy + 0.15 * r, new double[] {r * 1.05, r * 1.05, r * 1.05}, -90, 3);
            case STAR -> star(cx, cy, r);
            case DIAMOND -> polygon(cx, cy, new double[] {r, 0.75 * r, r, 0.75 * r}, -90, 4);
            case CROSS -> cross(cx, cy, r);
        };
    }

    private static Path2D polygon(double cx, double cy, double[] radii, double startDeg, int n) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < n; i++) {
            double a = Math.toRadians(startDeg + 360.0 * i / n);
            double x = cx + radii[i] * Math.cos(a);
            double y = cy + radii[i] * Math.sin(a);
            if (i == 0) {
                p.moveTo(x, y);
            } else {
                p.lineTo(x, y);
            }
        }
        p.closePath();
        return p;
    }

    private static Path2D star(double cx, double cy, double r) {
        double[] radii = new double[10];
        for (int i = 0; i < 10; i++) {
            radii[i] = i % 2 == 0 ? r : 0.45 * r;
        }
        return polygon(cx, cy + 0.05 * r, radii, -90, 10);
    }

    private static Path2D cross(double cx, double cy, double r) {
        double a = 0.32 * r;
        double b = 0.95 * r;
        Path2D.Double p = new Path2D.Double();
        double[][] pts = {{-a, -b}, {a, -b}, {a, -a}, {b, -a}, {b, a}, {a, a}, {a, b}, {-a, b}, {-a, a}, {-b, a},
            {-b, -a}, {-a, -a}};
        p.moveTo(cx + pts[0][0], cy + pts[0][1]);
        for (int i = 1; i < pts.length; i++) {
            p.lineTo(cx + pts[i][0], cy + pts[i][1]);
        }
        p.closePath();
        return p;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
