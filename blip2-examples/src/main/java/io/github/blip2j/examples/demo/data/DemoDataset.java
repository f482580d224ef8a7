package io.github.blip2j.examples.demo.data;

import io.github.blip2j.metrics.analysis.GroundTruthObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated data set on disk, in Flickr8k layout so that
 * {@code CaptionDataset.flickr8k(tokenFile(), imageDir())} loads it like the real one.
 *
 * @param root        the output folder
 * @param tokenFile   {@code root/Flickr8k.token.txt}
 * @param imageDir    {@code root/Flicker8k_Dataset} (Flickr8k's own spelling)
 * @param objectsFile {@code root/objects.json}, see {@link ObjectsFile}
 * @param imageSize   width and height of every image in pixels
 * @param scenes      every image, in file order
 */
public record DemoDataset(Path root, Path tokenFile, Path imageDir, Path objectsFile, int imageSize, List<Scene> scenes) {

    /** Flickr8k's caption file name. */
    public static final String TOKEN_FILE = "Flickr8k.token.txt";
    /** Flickr8k's image folder name, misspelling included. */
    public static final String IMAGE_DIR = "Flicker8k_Dataset";

    public DemoDataset {
        scenes = List.copyOf(scenes);
    }

    /** Image id (file name) to ground-truth objects, for the error analysis. */
    public Map<String, List<GroundTruthObject>> groundTruth() {
        Map<String, List<GroundTruthObject>> m = new LinkedHashMap<>();
        for (Scene s : scenes) {
            m.put(s.fileName(), s.objects().stream().map(SceneObject::toGroundTruth).toList());
        }
        return m;
    }

    /** Image id to its five captions. */
    public Map<String, List<String>> references() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        scenes.forEach(s -> m.put(s.fileName(), s.captions()));
        return m;
    }

    /**
     * Writes the word-level tokenizer of this data set ({@code tokenizer.json} and its configs, see
     * {@link WordLevelTokenizerWriter}) into {@code dir}: the captions' words plus every word the
     * caption templates can produce. Returns the path of {@code tokenizer.json}.
     */
    public Path writeTokenizer(Path dir) {
        return new WordLevelTokenizerWriter().addCaptions(allCaptions()).addWords(CaptionWriter.vocabulary()).writeTo(dir);
    }

    /** All captions, image by image. */
    public List<String> allCaptions() {
        List<String> out = new ArrayList<>();
        scenes.forEach(s -> out.addAll(s.captions()));
        return out;
    }
}
