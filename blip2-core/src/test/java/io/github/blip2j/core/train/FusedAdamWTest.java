package io.github.blip2j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * AdamW's fused pass over tensor memory must compute what its libtorch-op path computes: the same
 * float32 operations in the same order. libtorch's vectorised loops agree to the bit; its scalar tail
 * loops (the last {@code size mod 16} values) are compiled with multiply-add contraction and may differ
 * in the last bit, so the comparison allows 1e-6. Non-contiguous tensors, which have no memory view,
 * take the op path.
 */
class FusedAdamWTest {

    @Test
    void fusedPassEqualsOpPath() {
        Random r = new Random(3);
        float[] w = gaussian(r, 6 * 5, 1.0);
        float[] bias = gaussian(r, 6, 0.1);
        try (NDManager mgr = NDManager.newBaseManager();
                AdamW fused = AdamW.builder().weightDecay(0.3).build();
                AdamW ops = AdamW.builder().weightDecay(0.3).fusedUpdates(false).build();
                AdamW strided = AdamW.builder().weightDecay(0.3).build()) {
            NDArray wFused = mgr.create(w, new Shape(6, 5));
            NDArray bFused = mgr.create(bias);
            // (5, 6) storage seen through a transpose: same values, not contiguous.
            NDArray wOps = mgr.create(w, new Shape(6, 5));
            NDArray bOps = mgr.create(bias);
            NDArray wStrided = strided(mgr, w, 6, 5);
            NDArray bStrided = everyOther(mgr, bias);
            assertThat(DirectFloats.view(wFused)).isNotNull();
            assertThat(DirectFloats.view(wStrided)).isNull();
            assertThat(DirectFloats.view(bStrided)).isNull();
            for (int t = 0; t < 4; t++) {
                float[] gw = gaussian(r, 30, 0.5);
                float[] gb = gaussian(r, 6, 0.5);
                double scale = t == 2 ? 0.25 : 1.0; // one clipped step
                fused.step(params(wFused, bFused), params(mgr.create(gw, new Shape(6, 5)), mgr.create(gb)), 1e-2, scale);
                ops.step(params(wOps, bOps), params(mgr.create(gw, new Shape(6, 5)), mgr.create(gb)), 1e-2, scale);
                strided.step(params(wStrided, bStrided), params(strided(mgr, gw, 6, 5), everyOther(mgr, gb)), 1e-2, scale);
            }
            float[] head = java.util.Arrays.copyOf(wFused.toFloatArray(), 16);
            assertThat(java.util.Arrays.copyOf(wOps.toFloatArray(), 16)).containsExactly(head);
            assertThat(wOps.toFloatArray()).usingComparatorWithPrecision(1e-6f).containsExactly(wFused.toFloatArray());
            assertThat(bOps.toFloatArray()).usingComparatorWithPrecision(1e-6f).containsExactly(bFused.toFloatArray());
            assertThat(ops.firstMoments().get("w").toFloatArray()).usingComparatorWithPrecision(1e-7f)
                    .containsExactly(fused.firstMoments().get("w").toFloatArray());
            assertThat(ops.secondMoments().get("w").toFloatArray()).usingComparatorWithPrecision(1e-7f)
                    .containsExactly(fused.secondMoments().get("w").toFloatArray());
            // libtorch's loops over strided memory may round differently (fused multiply-adds), not more.
            float[] expected = wFused.toFloatArray();
            float[] got = wStrided.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(got[i]).isCloseTo(expected[i], within(1e-6f));
            }
            assertThat(bStrided.toFloatArray()).usingComparatorWithPrecision(1e-6f).containsExactly(bFused.toFloatArray());
            // The bias is exempt from weight decay by name, on both paths.
            assertThat(bFused.toFloatArray()).isNotEqualTo(bias);
        }
    }

    @Test
    void gradientScaleIsTheClippingCoefficientAndLeavesGradientsAlone() {
        try (NDManager mgr = NDManager.newBaseManager();
                AdamW scaled = AdamW.builder().weightDecay(0).build();
                AdamW clipped = AdamW.builder().weightDecay(0).build()) {
            NDArray g = mgr.create(new float[] {3f, 4f});
            NDArray pa = mgr.create(new float[] {1f, 1f});
            NDArray pb = pa.duplicate();
            double norm = GradientNorm.of(List.of(g));
            assertThat(norm).isEqualTo(5.0);
            double coef = GradientNorm.coefficient(norm, 1.0);
            assertThat(coef).isCloseTo(1.0 / (5 + 1e-6), within(1e-15));
            scaled.step(Map.of("w", pa), Map.of("w", g), 0.1, coef);
            assertThat(g.toFloatArray()).containsExactly(3f, 4f);
            NDArray g2 = g.duplicate();
            GradientNorm.clip(List.of(g2), norm, 1.0);
            clipped.step(Map.of("w", pb), Map.of("w", g2), 0.1);
            assertThat(pa.toFloatArray()).containsExactly(pb.toFloatArray());
            assertThat(GradientNorm.coefficient(0.5, 1.0)).isEqualTo(1.0);
        }
    }

    /** A (rows, cols) view with these row-major values over column-major storage: not contiguous. */
    private static NDArray strided(NDManager mgr, float[] rowMajor, int rows, int cols) {
        float[] t = new float[rowMajor.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = rowMajor[r * cols + c];
            }
        }
        return mgr.create(t, new Shape(cols, rows)).transpose();
    }

    /** A 1-D view of {@code values} with stride 2: not contiguous. */
    private static NDArray everyOther(NDManager mgr, float[] values) {
        float[] spread = new float[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            spread[2 * i] = values[i];
            spread[2 * i + 1] = Float.NaN;
        }
        return mgr.create(spread).get("::2");
    }

    private static Map<String, NDArray> params(NDArray w, NDArray b) {
        Map<String, NDArray> m = new LinkedHashMap<>();
        m.put("w", w);
        m.put("layer.bias", b);
        return m;
    }

    private static float[] gaussian(Random r, int n, double std) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * std);
        }
        return a;
    }
}
