package io.github.blip2j.core.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's intra-op thread count (its OpenMP / BLAS pool). The count is kept per calling thread
 * (and as a process-wide default for threads that have not run an op yet), so a caller that wants a
 * count sets it on the thread that runs the model, before each run.
 *
 * <p>Why a caller would: on a machine whose cores are shared with other busy processes, every op
 * boundary waits for the pool's descheduled threads. Captioning the mid-size benchmark model on 2
 * cores at a load of ~5 took 8.8 s per image with 2 threads and 0.78 s with 1; on an idle machine
 * more threads are faster (vision and the T5 encoder are compute-bound).
 */
public final class IntraOpThreads {

    private static final boolean PYTORCH = "PyTorch".equals(Engine.getInstance().getEngineName());

    private IntraOpThreads() {}

    /** Uses {@code threads} intra-op threads on the calling thread from now on (no-op off PyTorch or when already so). */
    public static void use(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ": must be >= 1");
        }
        if (PYTORCH && JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
    }

    /** The calling thread's intra-op thread count (1 off PyTorch). */
    public static int current() {
        return PYTORCH ? JniUtils.getNumThreads() : 1;
    }
}
