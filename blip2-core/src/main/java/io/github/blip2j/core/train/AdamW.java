package io.github.blip2j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * AdamW with decoupled weight decay, step for step what {@code torch.optim.AdamW} (single-tensor path)
 * computes: {@code p -= lr*wd*p}; {@code m = lerp(m, g, 1-b1)}; {@code v = b2*v + (1-b2)*g*g};
 * {@code p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}.
 *
 * <p>The moments are kept in float32 in the optimizer's own manager, whatever the parameters' dtype,
 * and are exposed by name for checkpoints. Parameters for which {@code decayExempt} holds (biases and
 * norm weights by default, as in LAVIS) get no weight decay.
 */
public final class AdamW implements AutoCloseable {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final Predicate<String> decayExempt;
    /** Values per pass of {@link #fused} through its heap arrays (4 x 8 KB: they stay in L1/L2). */
    private static final int CHUNK = 2048;
    private final boolean fusedUpdates;
    /** {@link #fused}'s heap arrays (parameter, gradient, moments), reused by every tensor and step. */
    private final float[][] scratch = new float[4][CHUNK];
    private final NDManager stateManager;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private long step;

    private AdamW(Builder b) {
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.eps = b.eps;
        this.weightDecay = b.weightDecay;
        this.decayExempt = b.decayExempt;
        this.fusedUpdates = b.fusedUpdates;
        this.stateManager = NDManager.newBaseManager();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of updates applied so far. */
    public long stepCount() {
        return step;
    }

    /**
     * Applies one update to every parameter in {@code params} (name -> array, updated in place) from its
     * gradient in {@code grads}. Call it with gradient recording off (outside a {@code GradientCollector}).
     *
     * @param lr the learning rate of this step
     * @throws NullPointerException naming a parameter that has no gradient in {@code grads}
     */
    public void step(Map<String, NDArray> params, Map<String, NDArray> grads, double lr) {
        step(params, grads, lr, 1.0);
    }

    /**
     * {@link #step(Map, Map, double)} on the gradients times {@code gradScale} (the global-norm clipping
     * coefficient), leaving the gradient arrays as they are.
     *
     * <p>Contiguous float32 CPU tensors (the usual case) are updated in one fused pass over their memory
     * ({@link DirectFloats}); anything else by libtorch ops. Both paths perform the same float32
     * operations in the same order; they agree to the bit except where libtorch's scalar tail loops
     * (the last {@code size mod 16} values) contract a multiply-add, which can move the last bit.
     */
    public void step(Map<String, NDArray> params, Map<String, NDArray> grads, double lr, double gradScale) {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        double stepSize = lr / bc1;
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            String name = e.getKey();
            NDArray p = e.getValue();
            NDArray g = Objects.requireNonNull(grads.get(name), () -> "no gradient for parameter " + name);
            NDArray m = firstMoments.computeIfAbsent(name, k -> stateManager.zeros(p.getShape(), DataType.FLOAT32, p.getDevice()));
            NDArray v = secondMoments.computeIfAbsent(name, k -> stateManager.zeros(p.getShape(), DataType.FLOAT32, p.getDevice()));
            float decay = weightDecay != 0 && !decayExempt.test(name) ? (float) (1 - lr * weightDecay) : 1f;
            FloatBuffer pv = fusedUpdates ? DirectFloats.view(p) : null;
            FloatBuffer gv = pv == null ? null : DirectFloats.view(g);
            FloatBuffer mv = gv == null ? null : DirectFloats.view(m);
            FloatBuffer vv = mv == null ? null : DirectFloats.view(v);
            if (vv != null) {
                fused(pv, gv, mv, vv, (float) gradScale, decay, (float) -stepSize, (float) bc2Sqrt);
            } else {
                byOps(p, g, m, v, (float) gradScale, decay, (float) -stepSize, (float) bc2Sqrt);
            }
        }
    }

    /**
     * One pass per tensor; each line is one of {@link #byOps}' ops, in its order and rounding. The
     * views are copied through small heap arrays: C2 vectorises the loop over arrays but not over
     * buffers (2.1 M values, the demo model: ~8 ms instead of ~11 ms per step, identical bits). A
     * multiplication by 1 is exact, so the scale and decay need no branch.
     */
    private void fused(FloatBuffer p, FloatBuffer g, FloatBuffer m, FloatBuffer v, float gradScale, float decay,
                       float negStepSize, float bc2Sqrt) {
        float oneMinusBeta1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float oneMinusBeta2 = (float) (1 - beta2);
        float epsilon = (float) eps;
        int n = p.capacity();
        float[] pa = scratch[0];
        float[] ga = scratch[1];
        float[] ma = scratch[2];
        float[] va = scratch[3];
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            p.get(from, pa, 0, len);
            g.get(from, ga, 0, len);
            m.get(from, ma, 0, len);
            v.get(from, va, 0, len);
            for (int i = 0; i < len; i++) {
                float gi = ga[i] * gradScale;
                float pi = pa[i] * decay;
                float mi = ma[i];
                mi = mi + (gi - mi) * oneMinusBeta1;
                float vi = va[i] * b2 + gi * oneMinusBeta2 * gi;
                float denom = (float) Math.sqrt(vi) / bc2Sqrt + epsilon;
                ma[i] = mi;
                va[i] = vi;
                pa[i] = pi + mi * negStepSize / denom;
            }
            p.put(from, pa, 0, len);
            m.put(from, ma, 0, len);
            v.put(from, va, 0, len);
        }
    }

    private void byOps(NDArray p, NDArray g, NDArray m, NDArray v, float gradScale, float decay, float negStepSize,
                       float bc2Sqrt) {
        try (NDManager scope = NDManager.newBaseManager(p.getDevice())) {
            // Every temporary below attaches to its first operand's manager; moving the operands
            // into the scope for the duration keeps the state manager free of temporaries.
            p.tempAttach(scope);
            m.tempAttach(scope);
            v.tempAttach(scope);
            g.tempAttach(scope);
            NDArray grad = gradScale != 1f ? g.mul(gradScale) : g;
            if (decay != 1f) {
                p.muli(decay);
            }
            // Same operand order as torch's kernels (lerp_, addcmul_, addcdiv_), so float32 rounding agrees.
            m.addi(grad.sub(m).muli((float) (1 - beta1)));
            v.muli((float) beta2).addi(grad.mul((float) (1 - beta2)).muli(grad));
            NDArray denom = v.sqrt().divi(bc2Sqrt).addi((float) eps);
            p.addi(m.mul(negStepSize).divi(denom));
        }
    }

    /** First moments by parameter name (for checkpoints; live arrays, do not close). */
    public Map<String, NDArray> firstMoments() {
        return Collections.unmodifiableMap(firstMoments);
    }

    /** Second moments by parameter name (for checkpoints; live arrays, do not close). */
    public Map<String, NDArray> secondMoments() {
        return Collections.unmodifiableMap(secondMoments);
    }

    /** Restores the state saved from {@link #firstMoments()}, {@link #secondMoments()} and {@link #stepCount()}. */
    public void restore(Map<String, NDArray> first, Map<String, NDArray> second, long stepCount) {
        if (!first.keySet().equals(second.keySet())) {
            throw new IllegalArgumentException("optimizer state: first moments cover " + first.keySet()
                    + " but second moments cover " + second.keySet());
        }
        firstMoments.values().forEach(NDArray::close);
        secondMoments.values().forEach(NDArray::close);
        firstMoments.clear();
        secondMoments.clear();
        first.forEach((k, a) -> firstMoments.put(k, a.duplicate()));
        second.forEach((k, a) -> secondMoments.put(k, a.duplicate()));
        firstMoments.values().forEach(a -> a.attach(stateManager));
        secondMoments.values().forEach(a -> a.attach(stateManager));
        this.step = stepCount;
    }

    @Override
    public void close() {
        stateManager.close();
    }

    /** Settings with PyTorch's defaults except the weight decay, which defaults to LAVIS' 0.05. */
    public static final class Builder {
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay = 0.05;
        private Predicate<String> decayExempt = AdamW::isBiasOrNorm;
        private boolean fusedUpdates = true;

        public Builder beta1(double v) {
            beta1 = requireRange("beta1", v, 0, 1);
            return this;
        }

        public Builder beta2(double v) {
            beta2 = requireRange("beta2", v, 0, 1);
            return this;
        }

        public Builder eps(double v) {
            if (!(v > 0)) {
                throw new IllegalArgumentException("eps must be > 0, got " + v);
            }
            eps = v;
            return this;
        }

        public Builder weightDecay(double v) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("weightDecay must be a finite value >= 0, got " + v);
            }
            weightDecay = v;
            return this;
        }

        /** Which parameter names get no weight decay. */
        public Builder decayExempt(Predicate<String> names) {
            decayExempt = Objects.requireNonNull(names, "decayExempt");
            return this;
        }

        /** Off: every tensor goes through libtorch ops (tests compare the two paths). */
        Builder fusedUpdates(boolean on) {
            fusedUpdates = on;
            return this;
        }

        public AdamW build() {
            return new AdamW(this);
        }

        private static double requireRange(String field, double v, double lo, double hi) {
            if (!(v >= lo && v < hi)) {
                throw new IllegalArgumentException(field + " must be in [" + lo + ", " + hi + "), got " + v);
            }
            return v;
        }
    }

    /**
     * Biases and norm weights, by name: LAVIS exempts {@code ndim < 2} tensors and names containing
     * {@code bias}, {@code ln} or {@code bn}; with Hugging Face names that is every name containing
     * {@code bias} or {@code norm} (case-insensitive; T5's 2-D {@code relative_attention_bias} table
     * included, as in LAVIS). {@code query_tokens} (3-D) decays. {@link FineTuner} adds the
     * {@code ndim < 2} rule from the shapes.
     */
    public static boolean isBiasOrNorm(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.contains("bias") || n.contains("norm");
    }
}
