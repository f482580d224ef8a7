package io.github.blip2j.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed and validated JSON header of one safetensors file.
 *
 * <p>Validation follows the format's reference implementation: the header is a JSON object; every
 * tensor has a known dtype, a shape of non-negative integers and {@code data_offsets [begin, end]}
 * relative to the data section; {@code end - begin == numel * dtype size}; tensors neither overlap
 * nor leave holes, and together cover the data section exactly (so a truncated or padded file is
 * caught before any tensor is read).
 */
final class SafetensorsHeader {

    /** The reference implementation's cap; a larger value means a corrupt or hostile file. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One tensor: its public description and its byte range relative to the data section. */
    record Entry(TensorInfo info, long begin, long end) {}

    final Path file;
    final long dataStart;
    final Map<String, String> metadata;
    /** Entries in data-offset order. */
    final List<Entry> entries;

    private SafetensorsHeader(Path file, long dataStart, Map<String, String> metadata, List<Entry> entries) {
        this.file = file;
        this.dataStart = dataStart;
        this.metadata = metadata;
        this.entries = entries;
    }

    /** Checks the 8-byte length prefix against the file size; returns the header length. */
    static long checkHeaderLength(Path file, long headerLength, long fileSize) {
        if (fileSize < 8) {
            throw new SafetensorsException(file + ": not a safetensors file, only " + fileSize
                    + " bytes (need at least the 8-byte header length)");
        }
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > fileSize - 8) {
            throw new SafetensorsException(file + ": header length " + headerLength
                    + " is not sane for a file of " + fileSize + " bytes (expected 2.."
                    + Math.min(MAX_HEADER_BYTES, fileSize - 8) + ")");
        }
        return headerLength;
    }

    /** Parses and validates {@code headerBytes}; {@code fileSize} bounds the data section. */
    static SafetensorsHeader parse(Path file, byte[] headerBytes, long fileSize) {
        long dataStart = 8L + headerBytes.length;
        long dataLength = fileSize - dataStart;
        JsonNode root;
        try {
            root = JSON.readTree(headerBytes);
        } catch (IOException e) {
            throw new SafetensorsException(file + ": header is not valid JSON: " + originalMessage(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new SafetensorsException(file + ": header must be a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals("__metadata__")) {
                readMetadata(file, field.getValue(), metadata);
            } else {
                entries.add(readEntry(file, field.getKey(), field.getValue(), dataLength));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        checkLayout(file, entries, dataLength);
        return new SafetensorsHeader(file, dataStart, Map.copyOf(metadata), List.copyOf(entries));
    }

    private static String originalMessage(IOException e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> out) {
        if (!node.isObject()) {
            throw new SafetensorsException(file + ": __metadata__ must be an object of strings");
        }
        node.properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                throw new SafetensorsException(file + ": __metadata__." + e.getKey()
                        + " must be a string, got " + e.getValue().getNodeType());
            }
            out.put(e.getKey(), e.getValue().asText());
        });
    }

    private static Entry readEntry(Path file, String name, JsonNode node, long dataLength) {
        String where = file + ": tensor '" + name + "'";
        if (!node.isObject()) {
            throw new SafetensorsException(where + ": entry must be an object with dtype, shape, data_offsets");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual() || !DTypes.isKnown(dtypeNode.asText())) {
            throw new SafetensorsException(where + ": unknown or missing dtype " + dtypeNode);
        }
        String dtype = dtypeNode.asText();
        long[] shape = readLongs(where, "shape", node.get("shape"), -1);
        long[] offsets = readLongs(where, "data_offsets", node.get("data_offsets"), 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataLength) {
            throw new SafetensorsException(where + ": data_offsets [" + begin + ", " + end
                    + "] outside the data section of " + dataLength + " bytes");
        }
        TensorInfo info = new TensorInfo(name, dtype, shape, file);
        long expected;
        try {
            expected = info.byteLength();
        } catch (ArithmeticException e) {
            throw new SafetensorsException(where + ": shape overflows", e);
        }
        if (expected != end - begin) {
            throw new SafetensorsException(where + ": " + dtype + " x shape "
                    + java.util.Arrays.toString(shape) + " needs " + expected + " bytes but data_offsets ["
                    + begin + ", " + end + "] hold " + (end - begin));
        }
        return new Entry(info, begin, end);
    }

    private static long[] readLongs(String where, String key, JsonNode node, int requiredLength) {
        if (node == null || !node.isArray() || (requiredLength >= 0 && node.size() != requiredLength)) {
            throw new SafetensorsException(where + ": " + key + " must be an array"
                    + (requiredLength >= 0 ? " of " + requiredLength + " integers" : " of integers")
                    + ", got " + node);
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
                throw new SafetensorsException(where + ": " + key + "[" + i + "] = " + v
                        + " is not a non-negative integer");
            }
            out[i] = v.asLong();
        }
        return out;
    }

    private static void checkLayout(Path file, List<Entry> sorted, long dataLength) {
        long covered = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin() == e.end()) {
                continue; // empty tensors own no bytes
            }
            if (e.begin() < covered) {
                throw new SafetensorsException(file + ": tensor '" + e.info().name() + "' bytes ["
                        + e.begin() + ", " + e.end() + ") overlap tensor '" + previous.info().name()
                        + "' [" + previous.begin() + ", " + previous.end() + ")");
            }
            if (e.begin() > covered) {
                throw new SafetensorsException(file + ": hole in the data section: bytes [" + covered
                        + ", " + e.begin() + ") belong to no tensor (before '" + e.info().name() + "')");
            }
            covered = e.end();
            previous = e;
        }
        if (covered != dataLength) {
            throw new SafetensorsException(file + ": tensors cover " + covered
                    + " bytes but the data section has " + dataLength
                    + " (file truncated or trailing bytes)");
        }
    }
}
