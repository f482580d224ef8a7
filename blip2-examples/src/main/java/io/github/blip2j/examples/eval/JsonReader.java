package io.github.blip2j.examples.eval;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A small recursive-descent JSON reader over the bytes of one file, just enough for COCO caption
 * files: it reads objects field by field, strings, integer ids, and skips everything else. Faster
 * to start than a general JSON library, which matters for a command that runs once; every error
 * names the file and line.
 */
final class JsonReader {

    private final byte[] in;
    private final Path file;
    private int pos;
    private int line = 1;

    JsonReader(byte[] in, Path file) {
        this.in = in;
        this.file = file;
        if (in.length >= 3 && (in[0] & 0xFF) == 0xEF && (in[1] & 0xFF) == 0xBB && (in[2] & 0xFF) == 0xBF) {
            pos = 3; // UTF-8 byte order mark
        }
    }

    int line() {
        return line;
    }

    /** The next significant character, not consumed; -1 at the end. */
    int peek() {
        while (pos < in.length) {
            byte b = in[pos];
            if (b == '\n') {
                line++;
            } else if (b != ' ' && b != '\t' && b != '\r') {
                return b;
            }
            pos++;
        }
        return -1;
    }

    void expect(char c, String what) {
        if (peek() != c) {
            throw malformed("expected " + what);
        }
        pos++;
    }

    /**
     * After the opening bracket/brace of a container (or after an element): true if another
     * element follows (consuming the comma), false at the closing {@code close} (consumed).
     */
    boolean more(char close, boolean first) {
        int c = peek();
        if (c == close) {
            pos++;
            return false;
        }
        if (!first) {
            if (c != ',') {
                throw malformed("expected ',' or '" + close + "'");
            }
            pos++;
        }
        return true;
    }

    /** Reads a field name and its colon. */
    String fieldName() {
        String name = string();
        expect(':', "':' after a field name");
        return name;
    }

    /** The kind of the next value, for messages: "a string", "a number", "null", ... */
    String kindOfNext() {
        int c = peek();
        if (c >= 0 && "\"{[tfn-0123456789".indexOf(c) < 0) {
            throw malformed("expected a value, got '" + (char) c + "'");
        }
        return switch (c) {
            case '"' -> "a string";
            case '{' -> "an object";
            case '[' -> "an array";
            case 't', 'f' -> "a boolean";
            case 'n' -> "null";
            case -1 -> "end of file";
            default -> "a number";
        };
    }

    boolean nextIsString() {
        return peek() == '"';
    }

    /** An image id: a JSON integer (as decimal text) or a string; anything else is an error. */
    String imageId() {
        int c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            int start = pos;
            pos++;
            while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
                pos++;
            }
            if (pos < in.length && (in[pos] == '.' || in[pos] == 'e' || in[pos] == 'E')) {
                throw bad("image id must be an integer or a string, got a fractional number");
            }
            return new java.math.BigInteger(new String(in, start, pos - start, StandardCharsets.US_ASCII)).toString();
        }
        throw bad("image id must be an integer or a string, got " + kindOfNext());
    }

    String string() {
        if (peek() != '"') {
            throw malformed("expected a string");
        }
        pos++;
        StringBuilder sb = null;
        int runStart = pos;
        while (true) {
            if (pos >= in.length) {
                throw malformed("unterminated string");
            }
            byte b = in[pos];
            if (b == '"') {
                String tail = new String(in, runStart, pos - runStart, StandardCharsets.UTF_8);
                pos++;
                return sb == null ? tail : sb.append(tail).toString();
            }
            if (b == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(new String(in, runStart, pos - runStart, StandardCharsets.UTF_8));
                pos++;
                escape(sb);
                runStart = pos;
            } else if (b == '\n' || (b >= 0 && b < 0x20)) {
                throw malformed("control character in a string");
            } else {
                pos++;
            }
        }
    }

    private void escape(StringBuilder sb) {
        if (pos >= in.length) {
            throw malformed("unterminated string");
        }
        byte e = in[pos++];
        switch (e) {
            case '"', '\\', '/' -> sb.append((char) e);
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                if (pos + 4 > in.length) {
                    throw malformed("bad \\u escape");
                }
                try {
                    sb.append((char) Integer.parseInt(new String(in, pos, 4, StandardCharsets.US_ASCII), 16));
                } catch (NumberFormatException ex) {
                    throw malformed("bad \\u escape");
                }
                pos += 4;
            }
            default -> throw malformed("bad escape \\" + (char) e);
        }
    }

    /** Skips one value of any kind. */
    void skipValue() {
        int c = peek();
        switch (c) {
            case '"' -> string();
            case '{' -> {
                pos++;
                for (boolean first = true; more('}', first); first = false) {
                    fieldName();
                    skipValue();
                }
            }
            case '[' -> {
                pos++;
                for (boolean first = true; more(']', first); first = false) {
                    skipValue();
                }
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    pos++;
                    while (pos < in.length && "0123456789.eE+-".indexOf(in[pos]) >= 0) {
                        pos++;
                    }
                } else {
                    throw malformed(c < 0 ? "unexpected end of file" : "unexpected '" + (char) c + "'");
                }
            }
        }
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (pos >= in.length || in[pos] != word.charAt(i)) {
                throw malformed("expected " + word);
            }
            pos++;
        }
    }

    /** Nothing but whitespace may follow the top-level value. */
    void end() {
        if (peek() >= 0) {
            throw malformed("unexpected data after the top-level value");
        }
    }

    BadInputException malformed(String what) {
        return new BadInputException(file + ":" + line + ": malformed JSON: " + what);
    }

    BadInputException bad(String what) {
        return new BadInputException(file + ":" + line + ": " + what);
    }
}
