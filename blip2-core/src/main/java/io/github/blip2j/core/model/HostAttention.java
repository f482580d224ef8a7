package io.github.blip2j.core.model;

import java.util.Arrays;

/**
 * The attention of one query row over cached keys/values in Java arrays ({@link HostKvCache} layout,
 * {@code [head][stride][head_dim]}), in double, with the context rounded to float where libtorch
 * would store it. No {@code 1/sqrt(d)} scale: T5 has none and OPT scales its query beforehand.
 */
final class HostAttention {

    private final int heads;
    private final int headDim;
    private double[] weights = new double[64];
    private final double[] acc;

    HostAttention(int heads, int headDim) {
        this.heads = heads;
        this.headDim = headDim;
        this.acc = new double[headDim];
    }

    /**
     * @param q queries, {@code heads * head_dim} floats from {@code offset}
     * @param stride positions allotted per head in the caches
     * @param keys the number of positions attended over
     * @param bias additive {@code [head][keys]} bias, or {@code null}
     * @param keep per position, 0 to leave it out (a padding mask) and anything else to attend; or {@code null}
     * @param ctx receives the context at {@code offset}
     */
    void attend(float[] q, int offset, float[] keyCache, float[] valueCache, int stride, int keys, float[] bias,
            int[] keep, float[] ctx) {
        if (weights.length < keys) {
            weights = new double[Math.max(keys, 2 * weights.length)];
        }
        double[] w = weights;
        for (int h = 0; h < heads; h++) {
            int qBase = offset + h * headDim;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < keys; j++) {
                if (keep != null && keep[j] == 0) {
                    w[j] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                int kBase = (h * stride + j) * headDim;
                double s = 0;
                for (int d = 0; d < headDim; d++) {
                    s += (double) q[qBase + d] * keyCache[kBase + d];
                }
                if (bias != null) {
                    s += bias[h * keys + j];
                }
                w[j] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int j = 0; j < keys; j++) {
                double e = w[j] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(w[j] - max);
                w[j] = e;
                sum += e;
            }
            Arrays.fill(acc, 0);
            for (int j = 0; j < keys; j++) {
                if (w[j] == 0) {
                    continue;
                }
                double p = w[j] / sum;
                int vBase = (h * stride + j) * headDim;
                for (int d = 0; d < headDim; d++) {
                    acc[d] += p * valueCache[vBase + d];
                }
            }
            for (int d = 0; d < headDim; d++) {
                ctx[qBase + d] = (float) acc[d];
            }
        }
    }
}
