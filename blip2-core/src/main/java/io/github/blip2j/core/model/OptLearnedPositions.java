package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import io.github.blip2j.core.config.OptConfig;

/**
 * OPT's learned positions ({@code OPTLearnedPositionalEmbedding}): positions come from the
 * attention mask, {@code cumsum(mask) * mask - 1}, looked up at row {@code pos + 2}; padded slots
 * look up row 1. A table of {@code max_position_embeddings + 2} rows.
 */
public final class OptLearnedPositions {

    private final ModelParameter table;
    private final int maxPositions;

    /** @param scope {@code language_model.model.decoder.embed_positions} */
    public OptLearnedPositions(ParameterScope scope, OptConfig config) {
        this.maxPositions = config.maxPositionEmbeddings();
        this.table = scope.param("weight", ParameterKind.EMBEDDING,
                config.maxPositionEmbeddings() + OptConfig.POSITION_OFFSET, config.hiddenSize());
    }

    ModelParameter table() {
        return table;
    }

    /**
     * Table rows for the last {@code newLen} slots of each row of {@code mask}.
     *
     * @param mask {@code [B][P + T]} of 1 / 0, the full mask including cached positions
     * @return {@code [B][T]} row ids ({@code position + 2})
     * @throws IllegalArgumentException if a position exceeds {@code max_position_embeddings}
     */
    public long[][] rows(int[][] mask, int newLen) {
        long[][] out = new long[mask.length][newLen];
        for (int b = 0; b < mask.length; b++) {
            int[] m = mask[b];
            int cumsum = 0;
            int start = m.length - newLen;
            for (int j = 0; j < m.length; j++) {
                cumsum += m[j];
                if (j >= start) {
                    long pos = (long) cumsum * m[j] - 1;
                    if (pos >= maxPositions) {
                        throw new IllegalArgumentException("OPT position " + pos + " exceeds max_position_embeddings "
                                + maxPositions);
                    }
                    out[b][j - start] = pos + OptConfig.POSITION_OFFSET;
                }
            }
        }
        return out;
    }

    /** Position embeddings {@code (B, T, D)} for the last {@code newLen} slots, in {@code like}'s manager. */
    public NDArray forward(NDArray like, int[][] mask, int newLen) {
        long[][] rows = rows(mask, newLen);
        long[] flat = new long[rows.length * newLen];
        for (int b = 0; b < rows.length; b++) {
            System.arraycopy(rows[b], 0, flat, b * newLen, newLen);
        }
        NDArray ids = like.getManager().create(flat).reshape(rows.length, newLen).toDevice(like.getDevice(), false);
        return TokenEmbedding.lookup(ids, table);
    }
}
