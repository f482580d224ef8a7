package io.github.blip2j.metrics;

import io.github.blip2j.metrics.ptb.PyText;
import java.util.Arrays;

/**
 * Interns the words of tokenized captions without first cutting them into strings: a word is a
 * char range of its caption, hashed and compared in place; only new words are copied out.
 */
final class WordTable {

    private String[] keys;
    private int[] ids;
    private int size;
    private int mask;

    WordTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        keys = new String[capacity];
        ids = new int[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    /** Ids of the words of {@code s.split()} (Python semantics). */
    int[] split(String s) {
        int n = s.length();
        int[] out = new int[8];
        int count = 0;
        int i = 0;
        while (true) {
            while (i < n && PyText.isSpace(s.charAt(i))) {
                i++;
            }
            if (i == n) {
                return Arrays.copyOf(out, count);
            }
            int start = i;
            while (i < n && !PyText.isSpace(s.charAt(i))) {
                i++;
            }
            if (count == out.length) {
                out = Arrays.copyOf(out, count * 2);
            }
            out[count++] = intern(s, start, i);
        }
    }

    /** Ids of the tokens of {@code s.split(" ")} (Python semantics: empty tokens included). */
    int[] splitOnSpace(String s) {
        int[] out = new int[8];
        int count = 0;
        int start = 0;
        while (true) {
            int end = s.indexOf(' ', start);
            if (count == out.length) {
                out = Arrays.copyOf(out, count * 2);
            }
            out[count++] = intern(s, start, end < 0 ? s.length() : end);
            if (end < 0) {
                return Arrays.copyOf(out, count);
            }
            start = end + 1;
        }
    }

    int intern(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        int len = to - from;
        int slot = (h ^ (h >>> 16)) & mask;
        while (true) {
            String k = keys[slot];
            if (k == null) {
                keys[slot] = s.substring(from, to);
                ids[slot] = size;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return size - 1;
            }
            if (k.length() == len && s.regionMatches(from, k, 0, len)) {
                return ids[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldIds = ids;
        keys = new String[oldKeys.length * 2];
        ids = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int h = oldKeys[i].hashCode();
                int slot = (h ^ (h >>> 16)) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                ids[slot] = oldIds[i];
            }
        }
    }
}
