package io.github.blip2j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blip2j.core.io.SafetensorsReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The blip2-tiny-t5 fixture (test resources) as the training tests use it. */
final class TinyFixture {

    private TinyFixture() {}

    static Path dir() {
        try {
            return Path.of(TinyFixture.class.getResource("/blip2-tiny-t5/config.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode expected() {
        try {
            return new ObjectMapper().readTree(dir().resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The processor output for [image_0, image_1], as Hugging Face computed it. */
    static float[] pixelValues() {
        try (SafetensorsReader r = SafetensorsReader.open(dir().resolve("expected.safetensors"))) {
            return r.loadFloats("pixel_values");
        }
    }

    static long[][] longs(JsonNode rows) {
        long[][] out = new long[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            out[i] = new long[rows.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = rows.get(i).get(j).asLong();
            }
        }
        return out;
    }

    /** The teacher-forcing batch of expected.json (2 images, prompts, labels). */
    static TrainingBatch teacherForcingBatch() {
        JsonNode tf = expected().get("teacher_forcing");
        long[][] labels = longs(tf.get("labels"));
        int tokens = 0;
        for (long[] row : labels) {
            for (long v : row) {
                tokens += v == -100 ? 0 : 1;
            }
        }
        return new TrainingBatch(pixelValues(), 32, 32, longs(tf.get("input_ids")), longs(tf.get("attention_mask")),
                labels, tokens);
    }

    static NDArray array(NDManager m, long[][] rows) {
        return m.create(TrainingBatch.flat(rows), new ai.djl.ndarray.types.Shape(rows.length, rows[0].length))
                .toType(DataType.INT64, false);
    }
}
