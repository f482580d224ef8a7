package io.github.blip2j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.FloatBuffer;

import java.util.List;

/**
 * Global L2 norm of a set of gradients and clipping by it, as {@code torch.nn.utils.clip_grad_norm_}
 * does. DJL's own {@code optClipGrad} clips each element to {@code [-c, c]} instead, which changes the
 * update direction; BLIP-2 recipes clip the global norm.
 */
public final class GradientNorm {

    private GradientNorm() {
    }

    /**
     * The L2 norm over the concatenation of {@code gradients}, accumulated in float64. Returns NaN or
     * infinity when any gradient holds one, so callers can skip the step.
     */
    public static double of(List<NDArray> gradients) {
        double sumSquares = 0;
        try (NDManager scope = NDManager.newBaseManager()) {
            for (NDArray g : gradients) {
                FloatBuffer view = DirectFloats.view(g);
                if (view != null) {
                    // One read of the tensor's memory instead of a float64 copy, a square and a sum.
                    for (int i = 0, n = view.capacity(); i < n; i++) {
                        double x = view.get(i);
                        sumSquares += x * x;
                    }
                    continue;
                }
                NDArray g64 = g.toType(DataType.FLOAT64, true);
                g64.attach(scope);
                NDArray s = g64.square().sum();
                sumSquares += s.getDouble();
            }
        }
        return Math.sqrt(sumSquares);
    }

    /**
     * Scales every gradient in place so that their global norm is at most {@code maxNorm}, with
     * PyTorch's coefficient {@code maxNorm / (norm + 1e-6)} clamped to 1.
     *
     * @param norm the global norm, from {@link #of}
     * @return the coefficient applied (1 when nothing was clipped)
     */
    public static double clip(List<NDArray> gradients, double norm, double maxNorm) {
        double coef = coefficient(norm, maxNorm);
        if (coef == 1.0) {
            return 1.0;
        }
        for (NDArray g : gradients) {
            g.muli((float) coef);
        }
        return coef;
    }

    /**
     * PyTorch's clipping coefficient {@code maxNorm / (norm + 1e-6)} clamped to 1, for callers that
     * scale the gradients as they use them ({@link AdamW#step(java.util.Map, java.util.Map, double, double)}).
     */
    public static double coefficient(double norm, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxGradNorm must be > 0, got " + maxNorm);
        }
        double coef = maxNorm / (norm + 1e-6);
        return coef >= 1.0 ? 1.0 : coef;
    }
}
