package io.github.blip2j.core.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The annotation formats {@link CaptionDataset} reads. */
public enum DatasetFormat {
    /** {@code Flickr8k.token.txt}: {@code image.jpg#n<TAB>caption} per line. */
    FLICKR8K,
    /** Karpathy's {@code dataset_flickr8k.json} (also flickr30k/coco): images with sentences and a split. */
    KARPATHY,
    /** {@code image,caption} with a header line, one caption per row. */
    CSV,
    /** COCO captions JSON: {@code images} (id, file_name) and {@code annotations} (image_id, caption). */
    COCO;

    /** The format a CLI name gives: flickr8k, karpathy, csv, coco (case-insensitive). */
    public static DatasetFormat parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "flickr8k", "flickr" -> FLICKR8K;
            case "karpathy" -> KARPATHY;
            case "csv" -> CSV;
            case "coco" -> COCO;
            default -> throw new IllegalArgumentException("format must be one of flickr8k, karpathy, csv, coco; got '"
                    + name + "'");
        };
    }

    /**
     * Guesses the format of an annotation file: {@code .csv} is CSV, {@code .txt}/{@code .token} is Flickr8k,
     * and a JSON file is Karpathy when its first image has {@code sentences}, COCO when it has
     * {@code annotations}.
     *
     * @throws DatasetException when the file cannot be read or matches none of the formats
     */
    public static DatasetFormat detect(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".txt") || name.endsWith(".token")) {
            return FLICKR8K;
        }
        if (name.endsWith(".json")) {
            try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (t == JsonToken.FIELD_NAME) {
                        if ("sentences".equals(p.currentName())) {
                            return KARPATHY;
                        }
                        if ("annotations".equals(p.currentName())) {
                            return COCO;
                        }
                    }
                }
            } catch (IOException e) {
                throw new DatasetException("cannot read " + file + " to detect its format: " + e.getMessage(), e);
            }
        }
        throw new DatasetException("cannot tell the format of " + file
                + " (expected .txt Flickr8k tokens, .csv, or Karpathy/COCO .json); name it explicitly");
    }
}
