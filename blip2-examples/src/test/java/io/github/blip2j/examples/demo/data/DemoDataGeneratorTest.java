package io.github.blip2j.examples.demo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.blip2j.core.data.CaptionDataset;
import io.github.blip2j.core.data.CaptionRecord;
import io.github.blip2j.metrics.analysis.GroundTruthObject;
import io.github.blip2j.metrics.analysis.ObjectAnalyzer;
import io.github.blip2j.metrics.analysis.ObjectLabels;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataGeneratorTest {

    @TempDir
    Path dir;

    private static DemoDataGenerator small(long seed) {
        return DemoDataGenerator.builder().images(40).imageSize(64).seed(seed).build();
    }

    @Test
    void theFlickr8kReaderLoadsTheGeneratedDataSet() {
        DemoDataset data = small(1).generate(dir.resolve("data"));
        assertThat(data.tokenFile()).isEqualTo(dir.resolve("data/Flickr8k.token.txt"));
        assertThat(data.imageDir()).isEqualTo(dir.resolve("data/Flicker8k_Dataset"));
        CaptionDataset read = CaptionDataset.flickr8k(data.tokenFile(), data.imageDir());
        assertThat(read.size()).isEqualTo(40);
        assertThat(read.report().hasProblems()).isFalse();
        for (CaptionRecord r : read.records()) {
            assertThat(r.captions()).hasSize(5).doesNotHaveDuplicates();
        }
        assertThat(read.references()).isEqualTo(data.references());
        assertThat(ObjectsFile.read(data.objectsFile()).keySet()).isEqualTo(read.references().keySet());
    }

    @Test
    void sameSeedGivesByteIdenticalFilesOtherSeedDoesNot() throws IOException {
        DemoDataset a = small(7).generate(dir.resolve("a"));
        DemoDataset b = small(7).generate(dir.resolve("b"));
        DemoDataset c = small(8).generate(dir.resolve("c"));
        assertThat(Files.readAllBytes(a.tokenFile())).isEqualTo(Files.readAllBytes(b.tokenFile()));
        assertThat(Files.readAllBytes(a.objectsFile())).isEqualTo(Files.readAllBytes(b.objectsFile()));
        for (Scene s : a.scenes()) {
            assertThat(Files.readAllBytes(a.imageDir().resolve(s.fileName())))
                    .isEqualTo(Files.readAllBytes(b.imageDir().resolve(s.fileName())));
        }
        assertThat(Files.readString(c.tokenFile())).isNotEqualTo(Files.readString(a.tokenFile()));
        assertThat(small(7).scenes()).isEqualTo(a.scenes());
        try (Stream<Path> files = Files.list(a.imageDir())) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void everyReferenceNamesEveryObjectByColourAndShapeAndNothingElse() {
        List<Scene> scenes = DemoDataGenerator.builder().images(400).seed(3).build().scenes();
        ObjectAnalyzer analyzer = ObjectAnalyzer.demo();
        for (Scene s : scenes) {
            List<GroundTruthObject> truth = s.objects().stream().map(SceneObject::toGroundTruth).toList();
            for (String caption : s.captions()) {
                ObjectLabels l = analyzer.analyze(caption, truth);
                assertThat(l.recall()).as(caption).isEqualTo(1.0);
                assertThat(l.hallucinationRate()).as(caption).isEqualTo(0.0);
                assertThat(l.attributeErrors()).as(caption).isEmpty();
            }
        }
    }

    @Test
    void scenesSpanOneToFourDistinctObjectsInDistinctCells() {
        List<Scene> scenes = DemoDataGenerator.builder().images(400).seed(5).build().scenes();
        Set<Integer> counts = new HashSet<>();
        Set<String> colourShapes = new HashSet<>();
        for (Scene s : scenes) {
            counts.add(s.objects().size());
            Set<String> pairs = new HashSet<>();
            Set<Integer> cells = new HashSet<>();
            for (SceneObject o : s.objects()) {
                assertThat(pairs.add(o.colour() + " " + o.shape())).isTrue();
                assertThat(cells.add(o.row() * 3 + o.col())).isTrue();
                assertThat(o.x()).isBetween(o.col() / 3.0, (o.col() + 1) / 3.0);
                assertThat(o.y()).isBetween(o.row() / 3.0, (o.row() + 1) / 3.0);
                colourShapes.add(o.colour() + " " + o.shape());
            }
            List<Integer> order = s.objects().stream().map(o -> o.row() * 3 + o.col()).toList();
            assertThat(order).isSorted();
        }
        assertThat(counts).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(colourShapes).hasSize(32);
    }

    @Test
    void eachObjectIsPaintedInItsColourAtItsCentre() throws IOException {
        DemoDataset data = DemoDataGenerator.builder().images(60).imageSize(64).seed(11).build().generate(dir);
        for (Scene s : data.scenes()) {
            BufferedImage img = ImageIO.read(data.imageDir().resolve(s.fileName()).toFile());
            assertThat(img.getWidth()).isEqualTo(64);
            for (SceneObject o : s.objects()) {
                Color c = new Color(img.getRGB((int) (o.x() * 64), (int) (o.y() * 64)));
                Color want = o.colour().rgb();
                int distance = Math.abs(c.getRed() - want.getRed()) + Math.abs(c.getGreen() - want.getGreen())
                        + Math.abs(c.getBlue() - want.getBlue());
                assertThat(distance).as("%s %s in %s", o.colour(), o.shape(), s.fileName()).isLessThan(30);
            }
            Color corner = new Color(img.getRGB(0, 0));
            boolean objectInCorner = s.objects().stream().anyMatch(o -> o.row() == 0 && o.col() == 0);
            if (!objectInCorner) {
                assertThat(Math.abs(corner.getRed() - s.background())).isLessThanOrEqualTo(6);
            }
        }
    }

    @Test
    void captionsVaryAcrossTemplatesButUseASmallVocabulary() {
        List<Scene> scenes = DemoDataGenerator.builder().images(300).seed(9).build().scenes();
        Set<String> vocabulary = new HashSet<>(CaptionWriter.vocabulary());
        Set<String> used = new HashSet<>();
        Set<String> openings = new HashSet<>();
        for (Scene s : scenes) {
            for (String c : s.captions()) {
                used.addAll(WordLevelTokenizerWriter.preTokenize(c));
                openings.add(c.split(" ")[0]);
            }
        }
        assertThat(vocabulary).containsAll(used).hasSizeLessThan(60);
        assertThat(openings).contains("a", "an", "there", "two", "three", "one");
    }

    @Test
    void captionPhrasesMatchTheLayout() {
        SceneObject red = new SceneObject(ObjectColour.RED, ShapeKind.CIRCLE, ObjectSize.LARGE, 0, 1, 0.5, 0.17);
        SceneObject blue = new SceneObject(ObjectColour.BLUE, ShapeKind.SQUARE, ObjectSize.SMALL, 2, 1, 0.5, 0.83);
        SceneObject orange = new SceneObject(ObjectColour.ORANGE, ShapeKind.STAR, ObjectSize.SMALL, 2, 2, 0.83, 0.83);
        assertThat(CaptionWriter.relation(red, blue)).isEqualTo("above");
        assertThat(CaptionWriter.relation(blue, red)).isEqualTo("below");
        assertThat(CaptionWriter.relation(blue, orange)).isEqualTo("to the left of");
        assertThat(CaptionWriter.position(orange)).isEqualTo("in the bottom right corner");
        assertThat(CaptionWriter.np(orange, false)).isEqualTo("an orange star");
        assertThat(CaptionWriter.np(red, true)).isEqualTo("a large red circle");
    }

    @Test
    void objectsFileRoundTripsAndRejectsBadEntries() throws IOException {
        DemoDataset data = small(2).generate(dir);
        Map<String, List<GroundTruthObject>> read = ObjectsFile.read(data.objectsFile());
        Map<String, List<GroundTruthObject>> truth = data.groundTruth();
        assertThat(read.keySet()).isEqualTo(truth.keySet());
        for (String id : truth.keySet()) {
            assertThat(read.get(id)).extracting(GroundTruthObject::label)
                    .isEqualTo(truth.get(id).stream().map(GroundTruthObject::label).toList());
        }
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"a.png\": [{\"shape\": \"circle\"}]}");
        assertThatThrownBy(() -> ObjectsFile.read(bad)).hasMessageContaining("bad.json").hasMessageContaining("'a.png'")
                .hasMessageContaining("colour");
    }

    @Test
    void builderValidatesEagerly() {
        assertThatThrownBy(() -> DemoDataGenerator.builder().images(0)).hasMessageContaining("images")
                .hasMessageContaining("1..1000000").hasMessageContaining("0");
        assertThatThrownBy(() -> DemoDataGenerator.builder().imageSize(8)).hasMessageContaining("imageSize");
        assertThatThrownBy(() -> DemoDataGenerator.builder().objects(3, 2)).hasMessageContaining("minObjects");
        assertThatThrownBy(() -> DemoDataGenerator.builder().colours(Set.of(ObjectColour.RED))
                .shapes(Set.of(ShapeKind.CIRCLE)).build()).hasMessageContaining("maxObjects 4");
    }

    @Test
    void jpgOutputIsReadableToo() {
        DemoDataset data = DemoDataGenerator.builder().images(3).format(DemoDataGenerator.ImageFormat.JPG).build()
                .generate(dir);
        assertThat(data.scenes().get(0).fileName()).endsWith(".jpg");
        assertThat(CaptionDataset.flickr8k(data.tokenFile(), data.imageDir()).size()).isEqualTo(3);
    }
}
