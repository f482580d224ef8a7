package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.SparseFormat;

/** Row lookup in an embedding table, with the result in the ids' manager (not the table's). */
final class TokenEmbedding {

    private TokenEmbedding() {}

    /** {@code (...)} int ids to {@code (..., D)} rows of {@code table}. */
    static NDArray lookup(NDArray ids, ModelParameter table) {
        return ids.getNDArrayInternal().embedding(ids, table.array(), SparseFormat.DENSE).singletonOrThrow();
    }
}
