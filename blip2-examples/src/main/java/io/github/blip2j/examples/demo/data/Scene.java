package io.github.blip2j.examples.demo.data;

import java.util.List;
import java.util.Objects;

/**
 * One generated image: its file name (also its image id in the Flickr8k layout), objects in
 * reading order (top to bottom, then left to right), background grey level and captions.
 *
 * @param fileName   e.g. {@code shapes_00042.png}
 * @param objects    1-4 objects, no two with the same colour and shape, in reading order
 * @param background grey level of the background, 0..255
 * @param captions   five reference captions
 */
public record Scene(String fileName, List<SceneObject> objects, int background, List<String> captions) {

    public Scene {
        Objects.requireNonNull(fileName, "fileName");
        objects = List.copyOf(objects);
        captions = List.copyOf(captions);
    }
}
