package io.github.blip2j.core.image;

/**
 * A bit-exact port of Pillow's {@code Image.resize} for 8-bit RGB images (Pillow's
 * {@code libImaging/Resample.c} and, for NEAREST, the affine scale in {@code Geometry.c}).
 *
 * <p>Convolution filters run separably, horizontal pass first, each pass rounding and clipping to
 * uint8. Per output pixel the source window is centred at {@code (i + 0.5) * scale}; when
 * downscaling the kernel is stretched by the scale (antialiasing). Weights are normalised to sum 1
 * in double precision and then turned into fixed point with 22 fractional bits, rounded half away
 * from zero; the accumulator starts at 2^21 so that the final shift rounds. Any other arithmetic
 * (float weights, OpenCV or Java2D bicubic) moves pixels by one or more levels, which is why this
 * exists. A size that already matches returns an unchanged copy, as Pillow does.
 */
public final class PillowResize {

    private static final int PRECISION_BITS = 32 - 8 - 2;

    private PillowResize() {}

    /**
     * Resizes to exactly {@code width x height} (no aspect-ratio preservation, no crop).
     *
     * @throws IllegalArgumentException if a target side is not positive
     */
    public static RgbImage resize(RgbImage src, int width, int height, Resample filter) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size " + width + "x" + height + " must be positive");
        }
        if (width == src.width() && height == src.height()) {
            return RgbImage.wrap(width, height, src.bytes().clone());
        }
        if (filter == Resample.NEAREST) {
            return nearest(src, width, height);
        }
        RgbImage out = src;
        if (width != src.width()) {
            out = horizontal(out, width, filter);
        }
        if (height != src.height()) {
            out = vertical(out, height, filter);
        }
        return out;
    }

    /** Bounds and fixed-point weights for one axis, as Pillow's precompute_coeffs + normalize. */
    private static final class Coefficients {
        final int ksize;
        final int[] min;
        final int[] count;
        final int[] weights;

        Coefficients(int inSize, int outSize, Resample filter) {
            float in0 = 0f;
            float in1 = inSize;
            double scale = (double) (in1 - in0) / outSize;
            double filterscale = Math.max(scale, 1.0);
            double support = filter.support() * filterscale;
            ksize = (int) Math.ceil(support) * 2 + 1;
            min = new int[outSize];
            count = new int[outSize];
            weights = new int[outSize * ksize];
            double[] k = new double[ksize];
            for (int xx = 0; xx < outSize; xx++) {
                double center = in0 + (xx + 0.5) * scale;
                double ww = 0.0;
                double ss = 1.0 / filterscale;
                int xmin = (int) (center - support + 0.5);
                if (xmin < 0) {
                    xmin = 0;
                }
                int xmax = (int) (center + support + 0.5);
                if (xmax > inSize) {
                    xmax = inSize;
                }
                xmax -= xmin;
                for (int x = 0; x < xmax; x++) {
                    double w = filter.kernel((x + xmin - center + 0.5) * ss);
                    k[x] = w;
                    ww += w;
                }
                for (int x = 0; x < xmax; x++) {
                    if (ww != 0.0) {
                        k[x] /= ww;
                    }
                    double v = k[x];
                    weights[xx * ksize + x] =
                            v < 0 ? (int) (-0.5 + v * (1 << PRECISION_BITS)) : (int) (0.5 + v * (1 << PRECISION_BITS));
                }
                min[xx] = xmin;
                count[xx] = xmax;
            }
        }
    }

    private static int clip8(int ss) {
        int v = ss >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }

    private static RgbImage horizontal(RgbImage src, int outWidth, Resample filter) {
        Coefficients c = new Coefficients(src.width(), outWidth, filter);
        int h = src.height();
        int inW = src.width();
        byte[] in = src.bytes();
        byte[] out = new byte[outWidth * h * 3];
        for (int y = 0; y < h; y++) {
            int rowIn = y * inW * 3;
            int rowOut = y * outWidth * 3;
            for (int xx = 0; xx < outWidth; xx++) {
                int base = xx * c.ksize;
                int xmin = c.min[xx];
                int ss0 = 1 << (PRECISION_BITS - 1);
                int ss1 = ss0;
                int ss2 = ss0;
                for (int x = 0; x < c.count[xx]; x++) {
                    int k = c.weights[base + x];
                    int p = rowIn + (x + xmin) * 3;
                    ss0 += (in[p] & 0xff) * k;
                    ss1 += (in[p + 1] & 0xff) * k;
                    ss2 += (in[p + 2] & 0xff) * k;
                }
                int o = rowOut + xx * 3;
                out[o] = (byte) clip8(ss0);
                out[o + 1] = (byte) clip8(ss1);
                out[o + 2] = (byte) clip8(ss2);
            }
        }
        return RgbImage.wrap(outWidth, h, out);
    }

    private static RgbImage vertical(RgbImage src, int outHeight, Resample filter) {
        Coefficients c = new Coefficients(src.height(), outHeight, filter);
        int w = src.width();
        byte[] in = src.bytes();
        byte[] out = new byte[w * outHeight * 3];
        for (int yy = 0; yy < outHeight; yy++) {
            int base = yy * c.ksize;
            int ymin = c.min[yy];
            for (int xx = 0; xx < w; xx++) {
                int ss0 = 1 << (PRECISION_BITS - 1);
                int ss1 = ss0;
                int ss2 = ss0;
                for (int y = 0; y < c.count[yy]; y++) {
                    int k = c.weights[base + y];
                    int p = ((y + ymin) * w + xx) * 3;
                    ss0 += (in[p] & 0xff) * k;
                    ss1 += (in[p + 1] & 0xff) * k;
                    ss2 += (in[p + 2] & 0xff) * k;
                }
                int o = (yy * w + xx) * 3;
                out[o] = (byte) clip8(ss0);
                out[o + 1] = (byte) clip8(ss1);
                out[o + 2] = (byte) clip8(ss2);
            }
        }
        return RgbImage.wrap(w, outHeight, out);
    }

    /** Pillow's NEAREST: an affine scale with source coordinates accumulated in double. */
    private static RgbImage nearest(RgbImage src, int width, int height) {
        double ax = (double) ((float) src.width()) / width;
        double ay = (double) ((float) src.height()) / height;
        int[] xin = new int[width];
        double xo = ax * 0.5;
        for (int x = 0; x < width; x++) {
            int xi = coord(xo);
            xin[x] = xi < src.width() ? xi : -1; // Pillow leaves such pixels at the zero fill
            xo += ax;
        }
        byte[] in = src.bytes();
        byte[] out = new byte[width * height * 3];
        double yo = ay * 0.5;
        for (int y = 0; y < height; y++) {
            int yi = coord(yo);
            for (int x = 0; yi >= 0 && yi < src.height() && x < width; x++) {
                if (xin[x] < 0) {
                    continue;
                }
                System.arraycopy(in, (yi * src.width() + xin[x]) * 3, out, (y * width + x) * 3, 3);
            }
            yo += ay;
        }
        return RgbImage.wrap(width, height, out);
    }

    private static int coord(double v) {
        return v < 0.0 ? -1 : (int) v;
    }
}
