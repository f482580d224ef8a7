package io.github.blip2j.examples.demo.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates the embedded captioning data set: Java2D scenes of 1-4 coloured shapes on a grey
 * background, five human-style captions each ({@link CaptionWriter}), saved in Flickr8k layout with
 * the ground-truth objects in {@code objects.json} ({@link DemoDataset}). Everything derives from one
 * seed: the same settings give byte-identical files.
 *
 * <pre>{@code
 * DemoDataset data = DemoDataGenerator.builder().images(1000).seed(42).build().generate(outDir);
 * CaptionDataset captions = CaptionDataset.flickr8k(data.tokenFile(), data.imageDir());
 * }</pre>
 */
public final class DemoDataGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(DemoDataGenerator.class);

    /** Image file formats the generator writes. */
    public enum ImageFormat { PNG, JPG }

    private final int images;
    private final int imageSize;
    private final long seed;
    private final int minObjects;
    private final int maxObjects;
    private final List<ObjectColour> colours;
    private final List<ShapeKind> shapes;
    private final int backgroundNoise;
    private final ImageFormat format;

    private DemoDataGenerator(Builder b) {
        this.images = b.images;
        this.imageSize = b.imageSize;
        this.seed = b.seed;
        this.minObjects = b.minObjects;
        this.maxObjects = b.maxObjects;
        this.colours = List.copyOf(b.colours);
        this.shapes = List.copyOf(b.shapes);
        this.backgroundNoise = b.backgroundNoise;
        this.format = b.format;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The scenes (objects and captions) without rendering or writing anything. */
    public List<Scene> scenes() {
        return draw(null);
    }

    /**
     * Writes {@code Flickr8k.token.txt}, {@code Flicker8k_Dataset/*.png} and {@code objects.json}
     * under {@code outDir} (created if needed; files of an earlier run are replaced one by one,
     * each atomically).
     */
    public DemoDataset generate(Path outDir) {
        Path imageDir = outDir.resolve(DemoDataset.IMAGE_DIR);
        List<Scene> scenes = draw(imageDir);
        StringBuilder tokens = new StringBuilder();
        for (Scene s : scenes) {
            for (int i = 0; i < s.captions().size(); i++) {
                tokens.append(s.fileName()).append('#').append(i).append('\t').append(s.captions().get(i)).append('\n');
            }
        }
        Path tokenFile = outDir.resolve(DemoDataset.TOKEN_FILE);
        AtomicFiles.write(tokenFile, tokens.toString());
        Path objectsFile = outDir.resolve(ObjectsFile.FILE_NAME);
        ObjectsFile.write(objectsFile, scenes);
        LOG.info("generated {} images ({}x{} px) with {} captions in {}", scenes.size(), imageSize, imageSize,
                scenes.size() * CaptionWriter.CAPTIONS_PER_IMAGE, outDir);
        return new DemoDataset(outDir, tokenFile, imageDir, objectsFile, imageSize, scenes);
    }

    /**
     * Draws every scene from one random stream, then (when {@code imageDir} is set) renders and writes
     * the images in parallel; each image's noise has its own seed, so the files do not depend on
     * thread timing, and scenes() and generate() draw identical scenes.
     */
    private List<Scene> draw(Path imageDir) {
        Random rnd = new Random(seed);
        SceneSampler sampler = new SceneSampler(colours, shapes, minObjects, maxObjects);
        String ext = format.name().toLowerCase(Locale.ROOT);
        List<Scene> scenes = new ArrayList<>(images);
        for (int i = 0; i < images; i++) {
            List<SceneObject> objects = sampler.sample(rnd);
            int background = 95 + rnd.nextInt(71);
            List<String> captions = CaptionWriter.captions(objects, rnd);
            String name = String.format(Locale.ROOT, "shapes_%05d.%s", i, ext);
            scenes.add(new Scene(name, objects, background, captions));
        }
        if (imageDir != null) {
            SceneRenderer renderer = new SceneRenderer(imageSize, backgroundNoise);
            IntStream.range(0, images).parallel().forEach(i -> {
                Scene s = scenes.get(i);
                BufferedImage img = renderer.render(s.objects(), s.background(), new Random(seed * 31 + i));
                AtomicFiles.write(imageDir.resolve(s.fileName()), encode(img));
            });
        }
        return scenes;
    }

    private byte[] encode(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format == ImageFormat.PNG ? "png" : "jpg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        ImageWriter writer = writers.next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        // PNG: 0.9 selects fast deflate (same size here, ~half the time); JPG: quality 0.9.
        param.setCompressionQuality(0.9f);
        // An in-memory stream: ImageIO.write would buffer through a temporary file, several times slower.
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Settings; defaults: 1000 images of 64 px, seed 42, 1-4 objects, 8 colours, 4 shapes, noise 6, PNG. */
    public static final class Builder {
        private int images = 1000;
        private int imageSize = 64;
        private long seed = 42;
        private int minObjects = 1;
        private int maxObjects = 4;
        private Set<ObjectColour> colours = EnumSet.allOf(ObjectColour.class);
        private Set<ShapeKind> shapes = EnumSet.of(ShapeKind.CIRCLE, ShapeKind.SQUARE, ShapeKind.TRIANGLE, ShapeKind.STAR);
        private int backgroundNoise = 6;
        private ImageFormat format = ImageFormat.PNG;

        private Builder() {
        }

        /** Number of images, 1..1000000. */
        public Builder images(int n) {
            this.images = range("images", n, 1, 1_000_000);
            return this;
        }

        /** Width and height in pixels, 24..512 (default 64). */
        public Builder imageSize(int px) {
            this.imageSize = range("imageSize", px, 24, 512);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Objects per image, drawn uniformly from [min, max] within 1..4 (default 1..4). */
        public Builder objects(int min, int max) {
            this.minObjects = range("minObjects", min, 1, 4);
            this.maxObjects = range("maxObjects", max, 1, 4);
            if (min > max) {
                throw new IllegalArgumentException("minObjects must be <= maxObjects, got " + min + " > " + max);
            }
            return this;
        }

        /** The colours to draw from (default all eight). */
        public Builder colours(Set<ObjectColour> colours) {
            if (colours == null || colours.isEmpty()) {
                throw new IllegalArgumentException("colours must not be empty");
            }
            this.colours = EnumSet.copyOf(colours);
            return this;
        }

        /** The shapes to draw from (default circle, square, triangle, star). */
        public Builder shapes(Set<ShapeKind> shapes) {
            if (shapes == null || shapes.isEmpty()) {
                throw new IllegalArgumentException("shapes must not be empty");
            }
            this.shapes = EnumSet.copyOf(shapes);
            return this;
        }

        /** Background noise amplitude in grey levels, 0..40 (0 = flat; default 6). */
        public Builder backgroundNoise(int levels) {
            this.backgroundNoise = range("backgroundNoise", levels, 0, 40);
            return this;
        }

        public Builder format(ImageFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        private static int range(String field, int v, int min, int max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(field + " must be in " + min + ".." + max + ", got " + v);
            }
            return v;
        }

        public DemoDataGenerator build() {
            int combos = colours.size() * shapes.size();
            if (combos < maxObjects) {
                throw new IllegalArgumentException("maxObjects " + maxObjects + " needs at least that many colour+shape "
                        + "pairs, got " + colours.size() + " colours x " + shapes.size() + " shapes");
            }
            return new DemoDataGenerator(this);
        }
    }
}
