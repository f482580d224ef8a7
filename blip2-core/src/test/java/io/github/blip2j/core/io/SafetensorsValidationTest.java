package io.github.blip2j.core.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Every header rule fails with a message naming the file and, where there is one, the tensor. */
class SafetensorsValidationTest {

    @TempDir Path tmp;

    private Path file(String header, int dataBytes) {
        return Fixtures.rawFile(tmp.resolve("bad.safetensors"), header, new byte[dataBytes]);
    }

    private static void failsWith(Path file, String... fragments) {
        var assertion = assertThatThrownBy(() -> SafetensorsReader.open(file).close())
                .isInstanceOf(SafetensorsException.class)
                .hasMessageContaining(file.toString());
        for (String f : fragments) {
            assertion.hasMessageContaining(f);
        }
    }

    @Test
    void tooShortForTheLengthPrefix() {
        Path f = tmp.resolve("short.safetensors");
        Fixtures.rawFile(f, 0, new byte[0], new byte[0]);
        failsWith(Fixtures.rawFile(f, "", new byte[0]), "header length 0");
    }

    @Test
    void headerLengthLargerThanTheFile() {
        byte[] h = "{}".getBytes(StandardCharsets.UTF_8);
        failsWith(Fixtures.rawFile(tmp.resolve("big.safetensors"), 1_000_000, h, new byte[0]), "header length 1000000");
    }

    @Test
    void headerLengthAbsurd() {
        byte[] h = "{}".getBytes(StandardCharsets.UTF_8);
        failsWith(Fixtures.rawFile(tmp.resolve("neg.safetensors"), -5, h, new byte[0]), "header length -5");
    }

    @Test
    void headerNotJson() {
        failsWith(file("{\"a\": [", 0), "not valid JSON");
    }

    @Test
    void headerNotAnObject() {
        failsWith(file("[1, 2]  ", 0), "JSON object");
    }

    @Test
    void duplicateTensorNames() {
        failsWith(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "not valid JSON", "'a'");
    }

    @Test
    void unknownDtype() {
        failsWith(file("{\"w\":{\"dtype\":\"F33\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "'w'", "dtype");
    }

    @Test
    void negativeOrFractionalShape() {
        failsWith(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4), "'w'", "shape[0]");
        failsWith(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4), "'w'", "shape[0]");
    }

    @Test
    void offsetsOutsideTheDataSection() {
        failsWith(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4), "'w'", "outside the data section of 4 bytes");
        failsWith(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}", 4), "'w'", "[4, 0]");
    }

    @Test
    void dtypeTimesShapeDisagreesWithTheByteLength() {
        failsWith(file("{\"w\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "'w'", "needs 6 bytes", "hold 8");
    }

    @Test
    void overlappingTensors() {
        failsWith(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "'b'", "overlap", "'a'");
    }

    @Test
    void holeBetweenTensors() {
        failsWith(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12), "hole", "'b'");
    }

    @Test
    void truncatedOrPaddedDataSection() {
        failsWith(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 6), "cover 4 bytes", "has 6");
    }

    @Test
    void metadataMustBeStrings() {
        failsWith(file("{\"__metadata__\":{\"format\":1}}", 0), "__metadata__.format");
    }

    @Test
    void emptyTensorsAndEmptyFilesAreValid() throws Exception {
        Path f = file("{\"__metadata__\":{\"format\":\"pt\"},\"e\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[0,0]}}", 0);
        try (SafetensorsReader r = SafetensorsReader.open(f)) {
            org.assertj.core.api.Assertions.assertThat(r.loadFloats("e")).isEmpty();
        }
    }
}
