package io.github.blip2j.decoding.processors;

import java.util.ArrayList;
import java.util.List;

/**
 * HF {@code bad_words_ids}: a one-token entry always gets -inf; for a longer entry, its last token
 * gets -inf whenever the row ends with the entry's other tokens. As in {@code transformers}, entries
 * that are just an eos id are dropped, and an entry longer than the row is not checked yet.
 */
public final class NoBadWordsLogitsProcessor implements LogitsProcessor {

    private final int[] single;
    private final int[][] multi;

    /**
     * @param badWordsIds token sequences never to generate
     * @param eosTokenIds eos ids; a bad-word entry equal to {@code [eos]} is ignored
     */
    public NoBadWordsLogitsProcessor(List<int[]> badWordsIds, int[] eosTokenIds) {
        List<Integer> singles = new ArrayList<>();
        List<int[]> longer = new ArrayList<>();
        for (int[] seq : badWordsIds) {
            if (seq.length == 1) {
                boolean isEos = false;
                for (int eos : eosTokenIds) {
                    isEos |= seq[0] == eos;
                }
                if (!isEos) {
                    singles.add(seq[0]);
                }
            } else if (seq.length > 1) {
                longer.add(seq.clone());
            }
        }
        this.single = singles.stream().mapToInt(Integer::intValue).toArray();
        this.multi = longer.toArray(new int[0][]);
    }

    @Override
    public void process(int[] tokens, int length, float[] scores, int vocabSize) {
        for (int t : single) {
            scores[t] = Float.NEGATIVE_INFINITY;
        }
        for (int[] seq : multi) {
            int m = seq.length;
            if (m > length) {
                continue;
            }
            boolean match = true;
            for (int j = 0; j < m - 1; j++) {
                if (tokens[length - (m - 1) + j] != seq[j]) {
                    match = false;
                    break;
                }
            }
            if (match) {
                scores[seq[m - 1]] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
