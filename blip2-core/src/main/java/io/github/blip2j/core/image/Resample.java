package io.github.blip2j.core.image;

import java.util.Locale;

/**
 * Pillow's resampling filters, numbered as in {@code PIL.Image.Resampling} (which is what
 * {@code preprocessor_config.json -> resample} stores).
 */
public enum Resample {
    /** Nearest neighbour (Pillow's affine scale, not a convolution). */
    NEAREST(0, 0.0),
    /** Lanczos (a = 3), Pillow's former ANTIALIAS. */
    LANCZOS(1, 3.0),
    /** Triangle filter. */
    BILINEAR(2, 1.0),
    /** Cubic convolution with a = -0.5. */
    BICUBIC(3, 2.0),
    /** Box filter (area average). */
    BOX(4, 0.5),
    /** Hamming-windowed sinc. */
    HAMMING(5, 1.0);

    private final int pilCode;
    private final double support;

    Resample(int pilCode, double support) {
        this.pilCode = pilCode;
        this.support = support;
    }

    /** The integer Pillow and {@code preprocessor_config.json} use. */
    public int pilCode() {
        return pilCode;
    }

    /** Half-width of the filter in source pixels at scale 1. */
    double support() {
        return support;
    }

    /**
     * The filter for a Pillow code.
     *
     * @throws IllegalArgumentException naming the value and the allowed codes
     */
    public static Resample fromPil(int code) {
        for (Resample r : values()) {
            if (r.pilCode == code) {
                return r;
            }
        }
        throw new IllegalArgumentException("resample = " + code + " is not a Pillow filter; allowed 0 (NEAREST),"
                + " 1 (LANCZOS), 2 (BILINEAR), 3 (BICUBIC), 4 (BOX), 5 (HAMMING)");
    }

    /** Parses a code ("3") or a name ("bicubic"), case-insensitive. */
    public static Resample parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.matches("-?\\d+")) {
            return fromPil(Integer.parseInt(t));
        }
        try {
            return valueOf(t.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("resample '" + text + "' is not a Pillow filter; allowed"
                    + " nearest, lanczos, bilinear, bicubic, box, hamming or their codes 0..5", e);
        }
    }

    /** The filter kernel, with Pillow's exact operation order (the results feed 22-bit rounding). */
    double kernel(double x) {
        switch (this) {
            case BOX:
                return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
            case BILINEAR: {
                double ax = x < 0.0 ? -x : x;
                return ax < 1.0 ? 1.0 - ax : 0.0;
            }
            case HAMMING: {
                double ax = x < 0.0 ? -x : x;
                if (ax == 0.0) {
                    return 1.0;
                }
                if (ax >= 1.0) {
                    return 0.0;
                }
                ax = ax * Math.PI;
                // Pillow writes 0.54f and 0.46f: float constants widened to double.
                return StrictMath.sin(ax) / ax * ((double) 0.54f + (double) 0.46f * StrictMath.cos(ax));
            }
            case BICUBIC: {
                final double a = -0.5;
                double ax = x < 0.0 ? -x : x;
                if (ax < 1.0) {
                    return ((a + 2.0) * ax - (a + 3.0)) * ax * ax + 1;
                }
                if (ax < 2.0) {
                    return (((ax - 5) * ax + 8) * ax - 4) * a;
                }
                return 0.0;
            }
            case LANCZOS:
                return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
            default:
                throw new IllegalStateException("NEAREST has no convolution kernel");
        }
    }

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        double px = x * Math.PI;
        return StrictMath.sin(px) / px;
    }
}
