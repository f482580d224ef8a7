package io.github.blip2j.core.generation;

import io.github.blip2j.core.model.IntraOpThreads;

/**
 * How many intra-op threads a decoding step runs on. A one-row step is a chain of a few hundred small
 * ops and one-row products that a second thread does not speed up, while every BLAS call pays for
 * waking it (mid-size benchmark model, 2 cores: a batch-1 step took 27 ms with 2 threads and 21 ms
 * with 1). So a one-row step runs on one thread, except the output head: streaming it is bound by
 * memory bandwidth, which two cores draw more of than one, so it runs on the caller's count (see
 * {@code LinearOps.head}). Steps over several rows (batches, beams) keep the caller's count: their
 * products are real matrix products that threads do speed up.
 */
final class StepThreads {

    /** A decoding step, told how many threads its output head may use. */
    interface Step {
        void run(int headThreads);
    }

    private StepThreads() {}

    /** Runs {@code step} for {@code rows} live rows with the thread counts above, restoring the caller's count. */
    static void run(int rows, Step step) {
        int caller = IntraOpThreads.current();
        if (rows != 1 || caller == 1) {
            step.run(1);
            return;
        }
        IntraOpThreads.with(1, () -> {
            step.run(caller);
            return null;
        });
    }
}
