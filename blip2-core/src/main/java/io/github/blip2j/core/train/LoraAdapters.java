package io.github.blip2j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.blip2j.core.model.ModelParameter;
import io.github.blip2j.core.model.ParameterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * LoRA adapters on the target weights of a model (see {@link LoraSettings}).
 *
 * <p>How the adapter reaches the forward pass: the model's Linear layers read their weight from its
 * {@link ModelParameter} at every call, so {@link #apply(NDManager)} binds {@code W' = W + s B A}
 * (computed in the caller's scope, differentiable in {@code A} and {@code B} under a gradient
 * collector) in place of {@code W}, and {@link Swap#close()} binds {@code W} back. The forward
 * therefore computes exactly {@code x (W + s B A)^T}, and {@code A}, {@code B} receive the gradients
 * PEFT's {@code base(x) + s B(A(x))} gives (the same function, evaluated in another order). The
 * merged weight is computed in the base weight's dtype, exactly as {@link #merge()} stores it, so an
 * adapted and a merged model give bit-identical outputs.
 *
 * <p>Adapter arrays are float32, owned by this object, and named
 * {@code <module>.lora_A.weight} / {@code <module>.lora_B.weight}.
 */
public final class LoraAdapters implements AutoCloseable {

    private final LoraSettings settings;
    private final NDManager manager;
    private final List<Adapter> adapters = new ArrayList<>();
    private boolean merged;

    private record Adapter(ModelParameter target, String module, NDArray a, NDArray b) {}

    private LoraAdapters(LoraSettings settings, NDManager manager) {
        this.settings = settings;
        this.manager = manager;
    }

    /**
     * Creates adapters for every targeted weight of {@code registry}: {@code A} from a seeded
     * Kaiming-uniform draw (bound {@code 1/sqrt(in)}, PEFT's init), {@code B} zero.
     *
     * @param parent the manager the adapter arrays are created under (normally the model's)
     * @throws IllegalArgumentException when the target modules match no weight (the message lists some
     *     candidate module names)
     */
    public static LoraAdapters create(ParameterRegistry registry, LoraSettings settings, NDManager parent, long seed) {
        List<ModelParameter> targets = registry.matching(settings::targets);
        if (targets.isEmpty()) {
            List<String> examples = registry.matching(n -> n.startsWith("language_model.") && n.endsWith(".weight"))
                    .stream().limit(6).map(p -> p.name().substring(0, p.name().length() - 7)).toList();
            throw new IllegalArgumentException("lora.targetModules " + settings.targetModules()
                    + " match no Linear weight of the language model; module names look like " + examples);
        }
        LoraAdapters out = new LoraAdapters(settings, parent.newSubManager());
        SplittableRandom random = new SplittableRandom(seed);
        int r = settings.rank();
        for (ModelParameter p : targets) {
            if (p.shape().dimension() != 2) {
                throw new IllegalArgumentException("lora target " + p.name() + " has shape " + p.shape()
                        + "; only 2-D Linear weights can be adapted");
            }
            long outDim = p.shape().get(0);
            long inDim = p.shape().get(1);
            float[] a = new float[Math.toIntExact(r * inDim)];
            double bound = 1.0 / Math.sqrt(inDim);
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) ((2 * random.nextDouble() - 1) * bound);
            }
            NDArray aArr = out.manager.create(a, new Shape(r, inDim));
            NDArray bArr = out.manager.zeros(new Shape(outDim, r), DataType.FLOAT32);
            String module = p.name().substring(0, p.name().length() - ".weight".length());
            aArr.setName(module + ".lora_A.weight");
            bArr.setName(module + ".lora_B.weight");
            aArr.setRequiresGradient(true);
            bArr.setRequiresGradient(true);
            out.adapters.add(new Adapter(p, module, aArr, bArr));
        }
        return out;
    }

    /** The settings. */
    public LoraSettings settings() {
        return settings;
    }

    /** Names of the adapted weights. */
    public List<String> targetNames() {
        return adapters.stream().map(a -> a.target().name()).toList();
    }

    /** Whether {@link #merge()} has run (the adapters then no longer train or apply). */
    public boolean isMerged() {
        return merged;
    }

    /** The trainable adapter arrays by name ({@code <module>.lora_A.weight}, {@code ...lora_B.weight}); live arrays. */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> m = new LinkedHashMap<>();
        for (Adapter a : adapters) {
            m.put(a.a().getName(), a.a());
            m.put(a.b().getName(), a.b());
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * The adapters under PEFT's names ({@code base_model.model.<module>.lora_A.weight}), for
     * {@code adapter_model.safetensors}.
     */
    public Map<String, NDArray> peftTensors() {
        Map<String, NDArray> m = new LinkedHashMap<>();
        for (Adapter a : adapters) {
            m.put("base_model.model." + a.module() + ".lora_A.weight", a.a());
            m.put("base_model.model." + a.module() + ".lora_B.weight", a.b());
        }
        return m;
    }

    /**
     * Overwrites the adapter values (resuming a run): every adapter array must be present with its shape.
     *
     * @throws IllegalArgumentException naming a missing or misshaped tensor
     */
    public void load(Map<String, float[]> values) {
        for (NDArray arr : parameters().values()) {
            float[] v = values.get(arr.getName());
            if (v == null) {
                throw new IllegalArgumentException("LoRA tensor " + arr.getName() + " is missing from the checkpoint");
            }
            if (v.length != arr.getShape().size()) {
                throw new IllegalArgumentException("LoRA tensor " + arr.getName() + ": expected " + arr.getShape().size()
                        + " values (" + arr.getShape() + "), got " + v.length);
            }
            arr.set(v);
        }
    }

    /**
     * Binds {@code W + s B A} into every target until the returned swap is closed. Under a gradient
     * collector the merged weights are differentiable in the adapters.
     *
     * @param scope the manager the merged weights live in (closed by the caller after the forward)
     */
    public Swap apply(NDManager scope) {
        if (merged) {
            return () -> { };
        }
        List<NDArray> originals = new ArrayList<>(adapters.size());
        try {
            for (Adapter a : adapters) {
                NDArray base = a.target().array();
                originals.add(base);
                a.target().set(mergedWeight(a, base, scope));
            }
        } catch (RuntimeException e) {
            restore(originals);
            throw e;
        }
        return () -> restore(originals);
    }

    private void restore(List<NDArray> originals) {
        for (int i = 0; i < originals.size(); i++) {
            adapters.get(i).target().set(originals.get(i));
        }
    }

    /** {@code base + s B A} for the target called {@code targetName}, in {@code scope} (export). */
    NDArray mergedCopy(String targetName, NDArray base, NDManager scope) {
        for (Adapter a : adapters) {
            if (a.target().name().equals(targetName)) {
                return mergedWeight(a, base, scope);
            }
        }
        throw new IllegalArgumentException("no LoRA adapter on " + targetName);
    }

    /** {@code W + (s * (B @ A)).toType(W)} in {@code scope}; the same expression {@link #merge()} stores. */
    private NDArray mergedWeight(Adapter a, NDArray base, NDManager scope) {
        NDArray product = a.b().matMul(a.a());
        product.attach(scope);
        // The scale is an array kept in the scope (not mul(Number)): see TrainStep on DJL scalars and autograd.
        NDArray delta = product.mul(scope.create((float) settings.scaling()));
        if (delta.getDataType() != base.getDataType()) {
            delta = delta.toType(base.getDataType(), false);
        }
        return delta.add(base);
    }

    /**
     * Folds the adapters into the target weights for inference ({@code W <- W + s B A}, in the weight's
     * dtype, in the weight's manager) and retires them: afterwards the model needs no adapter and
     * {@link #apply} does nothing. Idempotent.
     */
    public void merge() {
        if (merged) {
            return;
        }
        for (Adapter a : adapters) {
            NDArray base = a.target().array();
            NDManager owner = base.getManager();
            NDArray w;
            try (NDManager scope = owner.newSubManager()) {
                w = mergedWeight(a, base, scope);
                w.attach(owner);
            }
            w.setName(a.target().name());
            a.target().set(w);
            base.close();
        }
        merged = true;
    }

    /** Frees the adapter arrays (merged weights stay in the model). */
    @Override
    public void close() {
        manager.close();
    }

    /** Restores the base weights bound before {@link #apply}. */
    @FunctionalInterface
    public interface Swap extends AutoCloseable {
        @Override
        void close();
    }
}
