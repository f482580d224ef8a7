package io.github.blip2j.core.image;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import javax.imageio.ImageIO;

/**
 * An 8-bit RGB image, row-major, channels interleaved ({@code rgb[(y * width + x) * 3 + c]}), the
 * equivalent of a Pillow image in mode "RGB".
 *
 * <p>Conversion follows Pillow's {@code convert("RGB")}: alpha is dropped (not composited), palette
 * images are looked up, and grey images are replicated into three channels <em>without</em> the
 * linear-to-sRGB conversion Java2D's {@code getRGB} would apply to a grey colour space.
 */
public final class RgbImage {

    private final int width;
    private final int height;
    private final byte[] rgb;

    private RgbImage(int width, int height, byte[] rgb) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    /**
     * Wraps interleaved RGB bytes (copied).
     *
     * @throws IllegalArgumentException if the length is not width x height x 3 or a side is not positive
     */
    public static RgbImage of(int width, int height, byte[] rgb) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size " + width + "x" + height + " must be positive");
        }
        if (rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("rgb has " + rgb.length + " bytes, expected " + width + "x"
                    + height + "x3 = " + (long) width * height * 3);
        }
        return new RgbImage(width, height, rgb.clone());
    }

    static RgbImage wrap(int width, int height, byte[] rgb) {
        return new RgbImage(width, height, rgb);
    }

    /**
     * Reads an image file (PNG, JPEG, BMP, GIF: whatever ImageIO reads).
     *
     * @throws UncheckedIOException naming the file if it cannot be read or decoded
     */
    public static RgbImage read(Path file) {
        BufferedImage img;
        try (var in = Files.newInputStream(file)) {
            img = ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + file + ": " + e.getMessage(), e);
        }
        if (img == null) {
            throw new UncheckedIOException(new IOException("cannot decode image " + file
                    + ": not a format ImageIO reads (PNG, JPEG, BMP, GIF, WBMP)"));
        }
        return of(img);
    }

    /** Converts a Java2D image to RGB (see the class comment for the rules). */
    public static RgbImage of(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 3];
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        boolean grey = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof java.awt.image.IndexColorModel);
        int transfer = raster.getTransferType();
        if (grey && (transfer == DataBuffer.TYPE_BYTE || transfer == DataBuffer.TYPE_USHORT)) {
            // Pillow's L -> RGB copies the grey level; 16-bit grey keeps the high byte.
            int shift = transfer == DataBuffer.TYPE_USHORT ? 8 : 0;
            int bits = cm.getComponentSize(0);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = raster.getSample(x, y, 0);
                    int g = bits < 8 ? v * 255 / ((1 << bits) - 1) : v >>> shift;
                    int i = (y * w + x) * 3;
                    out[i] = out[i + 1] = out[i + 2] = (byte) g;
                }
            }
            return wrap(w, h, out);
        }
        if (transfer == DataBuffer.TYPE_USHORT && cm.getColorSpace().isCS_sRGB() && raster.getNumBands() >= 3) {
            // Pillow reads 16-bit RGB PNGs by keeping the most significant byte.
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (y * w + x) * 3;
                    for (int c = 0; c < 3; c++) {
                        out[i + c] = (byte) (raster.getSample(x, y, c) >>> 8);
                    }
                }
            }
            return wrap(w, h, out);
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = (y * w + x) * 3;
                out[i] = (byte) (p >>> 16);
                out[i + 1] = (byte) (p >>> 8);
                out[i + 2] = (byte) p;
            }
        }
        return wrap(w, h, out);
    }

    /**
     * Converts a DJL image: its wrapped {@link BufferedImage} when there is one, else its HWC
     * uint8 RGB array (read through a short-lived manager).
     */
    public static RgbImage of(Image image) {
        Objects.requireNonNull(image, "image");
        if (image.getWrappedImage() instanceof BufferedImage b) {
            return of(b);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray hwc = image.toNDArray(manager, Image.Flag.COLOR).toType(DataType.UINT8, false);
            long[] s = hwc.getShape().getShape();
            if (s.length != 3 || s[2] != 3) {
                throw new IllegalArgumentException("DJL image gave shape " + hwc.getShape() + ", expected (H, W, 3)");
            }
            return wrap((int) s[1], (int) s[0], hwc.toByteArray());
        }
    }

    /**
     * Converts any supported input: {@link RgbImage}, {@link BufferedImage}, DJL {@link Image} or
     * {@link Path}.
     *
     * @throws IllegalArgumentException for other types (naming the type)
     */
    public static RgbImage from(Object image) {
        if (image instanceof RgbImage r) {
            return r;
        }
        if (image instanceof BufferedImage b) {
            return of(b);
        }
        if (image instanceof Image i) {
            return of(i);
        }
        if (image instanceof Path p) {
            return read(p);
        }
        throw new IllegalArgumentException("unsupported image type " + (image == null ? "null" : image.getClass().getName())
                + "; expected Path, BufferedImage, ai.djl.modality.cv.Image or RgbImage");
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /** Channel {@code c} (0 = R) of pixel (x, y), 0..255. */
    public int get(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }

    /** A copy of the interleaved bytes. */
    public byte[] toByteArray() {
        return rgb.clone();
    }

    /** The bytes without a copy, for this package's hot loops. */
    byte[] bytes() {
        return rgb;
    }
}
