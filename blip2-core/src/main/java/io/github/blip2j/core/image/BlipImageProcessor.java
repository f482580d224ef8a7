package io.github.blip2j.core.image;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Hugging Face's {@code BlipImageProcessor} (what {@code Blip2Processor} wraps), configured from
 * {@code preprocessor_config.json}, producing the same {@code pixel_values} bit for bit.
 *
 * <p>Steps: convert to RGB; resize to exactly height x width with Pillow's filter on the uint8
 * image ({@link PillowResize}; identity when the size already matches); rescale as {@code
 * float32(u8 * rescale_factor)} computed in double; normalise as {@code (v - mean) / std} in
 * float32; lay out CHW. Immutable and thread-safe.
 */
public final class BlipImageProcessor {

    /** OpenAI CLIP mean, the BLIP default. */
    public static final double[] OPENAI_CLIP_MEAN = {0.48145466, 0.4578275, 0.40821073};
    /** OpenAI CLIP standard deviation, the BLIP default. */
    public static final double[] OPENAI_CLIP_STD = {0.26862954, 0.26130258, 0.27577711};
    /** The file name inside a model directory. */
    public static final String CONFIG_FILE = "preprocessor_config.json";

    private static final Set<String> KNOWN_TYPES = Set.of("BlipImageProcessor", "BlipImageProcessorFast");

    private final boolean doConvertRgb;
    private final boolean doResize;
    private final int height;
    private final int width;
    private final Resample resample;
    private final boolean doRescale;
    private final double rescaleFactor;
    private final boolean doNormalize;
    private final float[] mean;
    private final float[] std;

    private BlipImageProcessor(Builder b) {
        this.doConvertRgb = b.doConvertRgb;
        this.doResize = b.doResize;
        this.height = b.height;
        this.width = b.width;
        this.resample = b.resample;
        this.doRescale = b.doRescale;
        this.rescaleFactor = b.rescaleFactor;
        this.doNormalize = b.doNormalize;
        this.mean = new float[3];
        this.std = new float[3];
        for (int c = 0; c < 3; c++) {
            mean[c] = (float) b.mean[c];
            std[c] = (float) b.std[c];
        }
    }

    /** A builder with {@code BlipImageProcessor}'s defaults (384 x 384, bicubic, 1/255, CLIP mean/std). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code preprocessor_config.json}; absent keys take HF's defaults.
     *
     * @param file the JSON file, or a model directory that holds it
     * @throws IllegalArgumentException naming the file and key for a bad or unsupported value
     * @throws UncheckedIOException if the file cannot be read
     */
    public static BlipImageProcessor fromConfig(Path file) {
        Path json = Files.isDirectory(file) ? file.resolve(CONFIG_FILE) : file;
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image processor config " + json + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(json + ": expected a JSON object");
        }
        try {
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(json + ": " + e.getMessage(), e);
        }
    }

    private static BlipImageProcessor fromJson(JsonNode root) {
        Builder b = builder();
        JsonNode type = root.get("image_processor_type");
        if (type != null && !KNOWN_TYPES.contains(type.asText())) {
            throw new IllegalArgumentException("image_processor_type '" + type.asText()
                    + "' is not supported; expected BlipImageProcessor");
        }
        if (root.has("do_convert_rgb")) {
            b.doConvertRgb(bool(root, "do_convert_rgb"));
        }
        if (root.has("do_resize")) {
            b.doResize(bool(root, "do_resize"));
        }
        JsonNode size = root.get("size");
        if (size != null && !size.isNull()) {
            if (size.isInt()) {
                b.size(size.asInt(), size.asInt());
            } else if (size.isObject() && size.has("height") && size.has("width")
                    && size.get("height").isInt() && size.get("width").isInt()) {
                b.size(size.get("height").asInt(), size.get("width").asInt());
            } else {
                throw new IllegalArgumentException("size = " + size
                        + " is not supported; expected an integer or {\"height\": H, \"width\": W}");
            }
        }
        JsonNode resample = root.get("resample");
        if (resample != null && !resample.isNull()) {
            b.resample(Resample.parse(resample.asText()));
        }
        if (root.has("do_rescale")) {
            b.doRescale(bool(root, "do_rescale"));
        }
        JsonNode factor = root.get("rescale_factor");
        if (factor != null && !factor.isNull()) {
            if (!factor.isNumber()) {
                throw new IllegalArgumentException("rescale_factor = " + factor + " must be a number");
            }
            b.rescaleFactor(factor.asDouble());
        }
        if (root.has("do_normalize")) {
            b.doNormalize(bool(root, "do_normalize"));
        }
        if (root.hasNonNull("image_mean")) {
            b.mean(triple(root, "image_mean"));
        }
        if (root.hasNonNull("image_std")) {
            b.std(triple(root, "image_std"));
        }
        return b.build();
    }

    private static boolean bool(JsonNode root, String key) {
        JsonNode v = root.get(key);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(key + " = " + v + " must be true or false");
        }
        return v.asBoolean();
    }

    private static double[] triple(JsonNode root, String key) {
        JsonNode v = root.get(key);
        if (v.isNumber()) {
            return new double[] {v.asDouble(), v.asDouble(), v.asDouble()};
        }
        if (v.isArray() && v.size() == 3 && v.get(0).isNumber() && v.get(1).isNumber() && v.get(2).isNumber()) {
            return new double[] {v.get(0).asDouble(), v.get(1).asDouble(), v.get(2).asDouble()};
        }
        throw new IllegalArgumentException(key + " = " + v + " must be a number or an array of 3 numbers");
    }

    /** Output height in pixels. */
    public int height() {
        return height;
    }

    /** Output width in pixels. */
    public int width() {
        return width;
    }

    /** The Pillow filter used to resize. */
    public Resample resample() {
        return resample;
    }

    /** Whether images are resized to height x width. */
    public boolean doResize() {
        return doResize;
    }

    /** Whether uint8 values are multiplied by {@link #rescaleFactor()}. */
    public boolean doRescale() {
        return doRescale;
    }

    /** The rescale multiplier, applied in double before rounding to float. */
    public double rescaleFactor() {
        return rescaleFactor;
    }

    /** Whether {@code (v - mean) / std} is applied. */
    public boolean doNormalize() {
        return doNormalize;
    }

    /** The per-channel mean as float32, the precision it is applied in. */
    public float[] mean() {
        return mean.clone();
    }

    /** The per-channel standard deviation as float32. */
    public float[] std() {
        return std.clone();
    }

    /**
     * The uint8 image after RGB conversion and resize, before rescaling (the fixture's {@code
     * image_i_resized_uint8_as_f32}).
     */
    public RgbImage resize(RgbImage image) {
        // Inputs are RGB already (RgbImage converts on the way in), so do_convert_rgb is implied.
        return doResize ? PillowResize.resize(image, width, height, resample) : image;
    }

    /** Preprocesses an RGB image to CHW {@code float[3 * H * W]}. */
    public float[] preprocess(RgbImage image) {
        RgbImage r = resize(image);
        int h = r.height();
        int w = r.width();
        byte[] px = r.bytes();
        int plane = h * w;
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                int u8 = px[i * 3 + c] & 0xff;
                float v = doRescale ? (float) (u8 * rescaleFactor) : (float) u8;
                if (doNormalize) {
                    v = (v - mean[c]) / std[c];
                }
                out[c * plane + i] = v;
            }
        }
        return out;
    }

    /** Preprocesses a Java2D image; see {@link #preprocess(RgbImage)}. */
    public float[] preprocess(BufferedImage image) {
        return preprocess(RgbImage.of(image));
    }

    /** Reads and preprocesses an image file; see {@link #preprocess(RgbImage)}. */
    public float[] preprocess(Path file) {
        return preprocess(RgbImage.read(file));
    }

    /** Preprocesses a DJL image; see {@link #preprocess(RgbImage)}. */
    public float[] preprocess(Image image) {
        return preprocess(RgbImage.of(image));
    }

    /**
     * Preprocesses a batch into a FLOAT32 array of shape [B, 3, H, W] in {@code manager}.
     *
     * @param images each a {@link Path}, {@link BufferedImage}, DJL {@link Image} or {@link RgbImage}
     * @throws IllegalArgumentException for an empty batch, an unsupported element type, or (with
     *     do_resize off) images of different sizes; the message names the index
     */
    public NDArray batch(List<?> images, NDManager manager) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("images: empty batch");
        }
        float[][] each = new float[images.size()][];
        int h = -1;
        int w = -1;
        for (int i = 0; i < each.length; i++) {
            RgbImage r;
            try {
                r = resize(RgbImage.from(images.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("images[" + i + "]: " + e.getMessage(), e);
            }
            if (h >= 0 && (r.height() != h || r.width() != w)) {
                throw new IllegalArgumentException("images[" + i + "] is " + r.width() + "x" + r.height()
                        + " after preprocessing but images[0] is " + w + "x" + h);
            }
            h = r.height();
            w = r.width();
            each[i] = preprocess(r);
        }
        int per = 3 * h * w;
        ByteBuffer buf = ByteBuffer.allocateDirect(each.length * per * 4).order(ByteOrder.nativeOrder());
        FloatBuffer fb = buf.asFloatBuffer();
        for (float[] f : each) {
            fb.put(f);
        }
        return manager.create(buf, new Shape(each.length, 3, h, w), DataType.FLOAT32);
    }

    @Override
    public String toString() {
        return "BlipImageProcessor{" + width + "x" + height + ", " + resample + ", resize=" + doResize
                + ", rescale=" + doRescale + " (" + rescaleFactor + "), normalize=" + doNormalize
                + ", convertRgb=" + doConvertRgb + "}";
    }

    /** Builder with eager validation; defaults are those of HF's {@code BlipImageProcessor}. */
    public static final class Builder {
        private boolean doConvertRgb = true;
        private boolean doResize = true;
        private int height = 384;
        private int width = 384;
        private Resample resample = Resample.BICUBIC;
        private boolean doRescale = true;
        private double rescaleFactor = 1 / 255.0;
        private boolean doNormalize = true;
        private double[] mean = OPENAI_CLIP_MEAN.clone();
        private double[] std = OPENAI_CLIP_STD.clone();

        private Builder() {}

        /**
         * Whether to convert to RGB. Inputs always become RGB here (the model needs three channels),
         * so {@code false} is accepted for config compatibility and has no effect.
         */
        public Builder doConvertRgb(boolean v) {
            this.doConvertRgb = v;
            return this;
        }

        /** Whether to resize (default true). */
        public Builder doResize(boolean v) {
            this.doResize = v;
            return this;
        }

        /** Target size; each side in 1..16384. */
        public Builder size(int height, int width) {
            if (height < 1 || height > 16384) {
                throw new IllegalArgumentException("size.height = " + height + " is out of range 1..16384");
            }
            if (width < 1 || width > 16384) {
                throw new IllegalArgumentException("size.width = " + width + " is out of range 1..16384");
            }
            this.height = height;
            this.width = width;
            return this;
        }

        /** The Pillow filter (default BICUBIC). */
        public Builder resample(Resample v) {
            if (v == null) {
                throw new IllegalArgumentException("resample = null; expected a Pillow filter");
            }
            this.resample = v;
            return this;
        }

        /** Whether to rescale (default true). */
        public Builder doRescale(boolean v) {
            this.doRescale = v;
            return this;
        }

        /** Multiplier applied to uint8 values; finite and positive. */
        public Builder rescaleFactor(double v) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("rescale_factor = " + v + " must be finite and > 0");
            }
            this.rescaleFactor = v;
            return this;
        }

        /** Whether to normalise (default true). */
        public Builder doNormalize(boolean v) {
            this.doNormalize = v;
            return this;
        }

        /** Per-channel mean (3 finite values). */
        public Builder mean(double[] v) {
            this.mean = checkTriple("image_mean", v, false);
            return this;
        }

        /** Per-channel standard deviation (3 finite values > 0). */
        public Builder std(double[] v) {
            this.std = checkTriple("image_std", v, true);
            return this;
        }

        private static double[] checkTriple(String key, double[] v, boolean positive) {
            if (v == null || v.length != 3) {
                throw new IllegalArgumentException(key + " must have 3 values, got "
                        + (v == null ? "null" : java.util.Arrays.toString(v)));
            }
            for (double d : v) {
                if (!Double.isFinite(d) || (positive && !(d > 0))) {
                    throw new IllegalArgumentException(key + " = " + java.util.Arrays.toString(v)
                            + ": every value must be finite" + (positive ? " and > 0" : ""));
                }
            }
            return v.clone();
        }

        /** Builds the processor. */
        public BlipImageProcessor build() {
            return new BlipImageProcessor(this);
        }
    }
}
