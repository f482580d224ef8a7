package io.github.blip2j.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.blip2j.core.model.Blip2Model;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One optimizer step with gradient accumulation: {@link #accumulate} runs forward and backward on a
 * micro-batch (gradients add up in the parameters' {@code .grad}, as in PyTorch), {@link #apply}
 * measures the global gradient norm, clips it, runs AdamW and clears the gradients.
 *
 * <p>A non-finite loss or gradient norm poisons the step: {@link #apply} then clears the gradients
 * and leaves the weights and the optimizer state untouched, and reports the step as skipped.
 *
 * <p>The training loop fits on one screen in {@link FineTuner}; this class is also what the
 * benchmarks time.
 */
public final class TrainStep {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainStep.class);
    private static final float[] ZEROS = new float[4096];

    private final Blip2Model model;
    private final Map<String, NDArray> params;
    private final AdamW optimizer;
    private final double maxGradNorm;
    private final LossFunction lossFunction;
    private final LoraAdapters lora;
    private boolean poisoned;
    private int microBatches;
    private double lossSum;

    /**
     * @param params the trainable arrays by name (they must require gradients)
     * @param maxGradNorm global-norm clipping threshold; 0 or less disables clipping
     * @param lossFunction the objective
     * @param lora adapters to bind during each forward, or {@code null}
     */
    TrainStep(Blip2Model model, Map<String, NDArray> params, AdamW optimizer, double maxGradNorm,
              LossFunction lossFunction, LoraAdapters lora) {
        this.model = Objects.requireNonNull(model, "model");
        this.params = new LinkedHashMap<>(params);
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.maxGradNorm = maxGradNorm;
        this.lossFunction = Objects.requireNonNull(lossFunction, "lossFunction");
        this.lora = lora;
    }

    /**
     * A step over the model's trainable parameters with {@link Blip2Model#forward}'s loss.
     *
     * @param maxGradNorm clipping threshold, 0 or less for none
     */
    public static TrainStep of(Blip2Model model, AdamW optimizer, double maxGradNorm) {
        Map<String, NDArray> p = new LinkedHashMap<>();
        model.parameters().trainable().forEach(t -> p.put(t.name(), t.array()));
        return new TrainStep(model, p, optimizer, maxGradNorm, LossFunction.of(model), null);
    }

    /**
     * A step over the model's trainable parameters with mixed precision (see {@link FineTuner.Builder#mixedPrecision}):
     * frozen stages upstream of every trainable parameter are cast to FLOAT16 in place, and the loss is
     * computed stage by stage.
     */
    public static TrainStep mixedPrecision(Blip2Model model, AdamW optimizer, double maxGradNorm) {
        MixedPrecision.castUpstreamFrozen(model.parameters(), n -> false, ai.djl.ndarray.types.DataType.FLOAT16);
        Map<String, NDArray> p = new LinkedHashMap<>();
        model.parameters().trainable().forEach(t -> p.put(t.name(), t.array()));
        return new TrainStep(model, p, optimizer, maxGradNorm, MixedPrecision.lossFunction(model), null);
    }

    /**
     * Forward and backward of one micro-batch; the gradients add to those of earlier micro-batches
     * of this step.
     *
     * @param lossScale factor on the loss before backward ({@code 1 / micro-batches per step})
     * @param dropoutSeed seed of libtorch's generator for this micro-batch, so dropout masks are a
     *     function of the run's seed and position (reproducible, and identical after a resume)
     * @return the unscaled loss (NaN or infinite when the batch poisoned the step)
     */
    public double accumulate(TrainingBatch batch, double lossScale, long dropoutSeed) {
        microBatches++;
        if (poisoned) {
            return Double.NaN;
        }
        Engine.getInstance().setRandomSeed((int) (dropoutSeed ^ (dropoutSeed >>> 32)));
        try (NDManager scope = model.manager().newSubManager()) {
            int b = batch.size();
            NDArray pixels = scope.create(batch.pixels(), new Shape(b, 3, batch.height(), batch.width()));
            NDArray ids = scope.create(TrainingBatch.flat(batch.inputIds()), new Shape(b, batch.inputIds()[0].length));
            NDArray mask = scope.create(TrainingBatch.flat(batch.attentionMask()),
                    new Shape(b, batch.attentionMask()[0].length));
            NDArray labels = scope.create(TrainingBatch.flat(batch.labels()), new Shape(b, batch.labels()[0].length));
            double value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector();
                    LoraAdapters.Swap swap = lora == null ? () -> { } : lora.apply(scope)) {
                NDArray loss = lossFunction.loss(pixels, ids, mask, labels);
                value = loss.getFloat();
                if (!Double.isFinite(value)) {
                    poisoned = true;
                    return value;
                }
                // Never x.mul(Number) on the autograd path: DJL 0.36 makes the scalar from a Java direct
                // buffer and closes it at once, while autograd keeps it for backward; after a GC the
                // backward would read freed memory. The scalar must live in the scope until backward.
                gc.backward(lossScale == 1.0 ? loss : loss.mul(scope.create((float) lossScale)));
            }
            lossSum += value;
            return value;
        }
    }

    /**
     * Ends the step: norm, clipping, AdamW at {@code lr} (skipped when poisoned), gradients cleared.
     *
     * @throws IllegalStateException when no micro-batch was accumulated
     */
    public StepOutcome apply(double lr) {
        if (microBatches == 0) {
            throw new IllegalStateException("apply() without any accumulate() call");
        }
        int n = microBatches;
        double meanLoss = poisoned ? Double.NaN : lossSum / n;
        try (NDManager scope = model.manager().newSubManager()) {
            Map<String, NDArray> withGrad = new LinkedHashMap<>();
            Map<String, NDArray> grads = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                if (e.getValue().hasGradient()) {
                    NDArray g = e.getValue().getGradient();
                    g.attach(scope);
                    withGrad.put(e.getKey(), e.getValue());
                    grads.put(e.getKey(), g);
                }
            }
            List<NDArray> gradList = new ArrayList<>(grads.values());
            if (poisoned) {
                zero(gradList);
                return new StepOutcome(meanLoss, Double.NaN, 1.0, n, true);
            }
            double norm = GradientNorm.of(gradList);
            if (!Double.isFinite(norm)) {
                if (LOG.isWarnEnabled()) {
                    LOG.warn("non-finite gradients in {}", nonFinite(grads));
                }
                zero(gradList);
                return new StepOutcome(meanLoss, norm, 1.0, n, true);
            }
            double coef = maxGradNorm > 0 ? GradientNorm.coefficient(norm, maxGradNorm) : 1.0;
            optimizer.step(withGrad, grads, lr, coef);
            zero(gradList);
            return new StepOutcome(meanLoss, norm, coef, n, false);
        } finally {
            reset();
        }
    }

    private static java.util.List<String> nonFinite(Map<String, NDArray> grads) {
        java.util.List<String> out = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : grads.entrySet()) {
            if (!Double.isFinite(GradientNorm.of(List.of(e.getValue())))) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** Drops what was accumulated without updating anything. */
    public void discard() {
        try (NDManager scope = model.manager().newSubManager()) {
            List<NDArray> grads = new ArrayList<>();
            for (NDArray p : params.values()) {
                if (p.hasGradient()) {
                    NDArray g = p.getGradient();
                    g.attach(scope);
                    grads.add(g);
                }
            }
            zero(grads);
        }
        reset();
    }

    private void reset() {
        poisoned = false;
        microBatches = 0;
        lossSum = 0;
    }

    /**
     * Clears gradients in place; an assignment, not a multiplication, so NaN and Inf are cleared too.
     * Contiguous float32 CPU gradients are written through their memory ({@link DirectFloats}), which
     * saves an indexing op per tensor (~2 ms per step for the demo model's 139 tensors).
     */
    private static void zero(List<NDArray> grads) {
        for (NDArray g : grads) {
            FloatBuffer view = DirectFloats.view(g);
            if (view == null) {
                g.set(new NDIndex("..."), 0f);
                continue;
            }
            int n = view.capacity();
            for (int from = 0; from < n; from += ZEROS.length) {
                view.put(from, ZEROS, 0, Math.min(ZEROS.length, n - from));
            }
        }
    }

    /** The trainable arrays by name. */
    public Map<String, NDArray> parameters() {
        return java.util.Collections.unmodifiableMap(params);
    }

    /** The optimizer. */
    public AdamW optimizer() {
        return optimizer;
    }
}
