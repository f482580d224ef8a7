package io.github.blip2j.metrics.analysis;

import java.util.Collection;
import java.util.Map;

/** Minimal hand-written JSON output, so blip2-metrics keeps no runtime dependency. */
final class Json {

    private Json() {
    }

    /** A JSON string literal with the characters RFC 8259 requires escaped. */
    static String string(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A JSON number; NaN and infinities have no JSON form and become {@code null}. */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v) + ".0";
        }
        return Double.toString(v);
    }

    /** A JSON array of strings. */
    static String strings(Collection<String> values) {
        StringBuilder out = new StringBuilder("[");
        boolean first = true;
        for (String v : values) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append(string(v));
        }
        return out.append(']').toString();
    }

    /** A JSON array of already-serialised values. */
    static String array(Collection<String> rawValues) {
        return "[" + String.join(", ", rawValues) + "]";
    }

    /** A JSON object of already-serialised values, in the map's iteration order. */
    static String object(Map<String, String> rawValues) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : rawValues.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append(string(e.getKey())).append(": ").append(e.getValue());
        }
        return out.append('}').toString();
    }
}
