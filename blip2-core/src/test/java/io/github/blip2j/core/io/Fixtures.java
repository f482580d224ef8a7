package io.github.blip2j.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers: the copied tiny BLIP-2 fixture and hand-made safetensors bytes. */
final class Fixtures {

    private Fixtures() {}

    /** The fixture folder copied into test resources. */
    static Path tinyT5() {
        try {
            return Path.of(Fixtures.class.getResource("/blip2-tiny-t5/config.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode expectedJson() {
        try {
            return new ObjectMapper().readTree(tinyT5().resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code 8-byte LE length + header + data} exactly as given, no validation. */
    static Path rawFile(Path file, String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return rawFile(file, h.length, h, data);
    }

    /** Same, with a length prefix that may lie about the header size. */
    static Path rawFile(Path file, long declaredLength, byte[] header, byte[] data) {
        ByteBuffer buf = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(declaredLength).put(header).put(data);
        try {
            Files.write(file, buf.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
