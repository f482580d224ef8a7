package io.github.blip2j.decoding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Minimal safetensors reader for test resources: 8-byte LE header length, JSON header, LE data. */
final class Safetensors {

    private final JsonNode header;
    private final ByteBuffer data;

    private Safetensors(JsonNode header, ByteBuffer data) {
        this.header = header;
        this.data = data;
    }

    static Safetensors load(String resource) {
        try (InputStream in = Safetensors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + resource);
            }
            byte[] all = in.readAllBytes();
            ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
            int n = (int) buf.getLong(0);
            JsonNode header = new ObjectMapper().readTree(new String(all, 8, n, StandardCharsets.UTF_8));
            ByteBuffer data = ByteBuffer.wrap(all, 8 + n, all.length - 8 - n).slice().order(ByteOrder.LITTLE_ENDIAN);
            return new Safetensors(header, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int[] shape(String name) {
        JsonNode s = entry(name).get("shape");
        int[] out = new int[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.get(i).intValue();
        }
        return out;
    }

    float[] floats(String name) {
        JsonNode e = entry(name);
        if (!e.get("dtype").asText().equals("F32")) {
            throw new IllegalArgumentException(name + ": expected F32, got " + e.get("dtype"));
        }
        int start = e.get("data_offsets").get(0).intValue();
        int end = e.get("data_offsets").get(1).intValue();
        float[] out = new float[(end - start) / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.getFloat(start + 4 * i);
        }
        return out;
    }

    private JsonNode entry(String name) {
        JsonNode e = header.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no tensor " + name);
        }
        return e;
    }
}
