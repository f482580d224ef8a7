package io.github.blip2j.core.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * Runs inference with autograd recording off ({@code torch.no_grad()}). libtorch's grad mode is
 * per thread and on by default; DJL turns it off only on the thread that started the engine (and
 * on inside a {@code GradientCollector}). Without this guard, inference on any other thread with
 * parameters marked trainable would record a graph for every op and keep it alive with the results.
 */
public final class NoGradient {

    private static final boolean PYTORCH = "PyTorch".equals(Engine.getInstance().getEngineName());

    private NoGradient() {}

    /** Runs {@code work} with gradient recording disabled, restoring the thread's previous mode after. */
    public static <T> T run(Supplier<T> work) {
        if (!PYTORCH || !JniUtils.isGradMode()) {
            return work.get();
        }
        JniUtils.setGradMode(false);
        try {
            return work.get();
        } finally {
            JniUtils.setGradMode(true);
        }
    }

    /** {@link #run(Supplier)} for work without a result. */
    public static void run(Runnable work) {
        run(() -> {
            work.run();
            return null;
        });
    }
}
