package io.github.blip2j.core.model;

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

/** The blip2-tiny-t5 fixture in test resources: model directory, expected.json and expected tensors. */
public final class TinyT5Fixture {

    private TinyT5Fixture() {}

    /** The model directory. */
    public static Path dir() {
        try {
            return Path.of(TinyT5Fixture.class.getResource("/blip2-tiny-t5/config.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** expected.json. */
    public static JsonNode expected() {
        try {
            return new ObjectMapper().readTree(dir().resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A reader over expected.safetensors (caller closes). */
    public static SafetensorsReader tensors() {
        return SafetensorsReader.open(dir().resolve("expected.safetensors"));
    }

    /** A JSON array of arrays of ints as long[][]. */
    public static long[][] longs(JsonNode rows) {
        long[][] out = new long[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            out[i] = new long[rows.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = rows.get(i).get(j).asLong();
            }
        }
        return out;
    }

    /** A JSON array of arrays of ints as int[][]. */
    public static int[][] ints(JsonNode rows) {
        int[][] out = new int[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            out[i] = new int[rows.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = rows.get(i).get(j).asInt();
            }
        }
        return out;
    }

    /** A 2-D JSON int array as an INT64 array in {@code m}. */
    public static NDArray array(NDManager m, JsonNode rows) {
        long[][] v = longs(rows);
        return m.create(v);
    }

    /** Max |a - b| over two float arrays of equal length. */
    public static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("length " + a.length + " != " + b.length);
        }
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs((double) a[i] - b[i]));
        }
        return d;
    }

    /** The values of an array as float32. */
    public static float[] floats(NDArray a) {
        return a.toType(DataType.FLOAT32, false).toFloatArray();
    }
}
