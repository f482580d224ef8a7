package io.github.blip2j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Every product orientation gives the fused linear's values and leaks nothing into the weights' manager. */
class LinearOpsTest {

    @Test
    void skinnyPathEqualsTheFusedLinear() {
        try (NDManager weights = NDManager.newBaseManager(); NDManager call = weights.newSubManager()) {
            long out = LinearOps.MIN_SKINNY_WEIGHT / 256 + 3; // just above the threshold with in = 256
            NDArray w = weights.randomNormal(new Shape(out, 256));
            NDArray b = weights.randomNormal(new Shape(out));
            int weightArrays = weights.getManagedArrays().size() - call.getManagedArrays().size();
            for (long[] shape : new long[][] {{1, 256}, {5, 1, 256}, {2, 3, 256}, {64, 256}}) {
                NDArray x = call.randomNormal(new Shape(shape));
                NDArray fused = fusedLinear(x, w, b);
                NDArray skinny = LinearOps.linear(x, w, b);
                assertThat(skinny.getShape()).isEqualTo(fused.getShape());
                double diff = skinny.sub(fused).abs().max().getFloat();
                assertThat(diff).as("shape %s", new Shape(shape)).isLessThan(1e-4);
                assertThat(LinearOps.linear(x, w, null).sub(fused.sub(b)).abs().max().getFloat()).isLessThan(1e-4f);
            }
            assertThat(weights.getManagedArrays().size() - call.getManagedArrays().size())
                    .as("nothing left in the weights' manager").isEqualTo(weightArrays);
        }
    }

    @Test
    void fewRowProductsSplitAcrossThreadsGiveTheFusedValuesThroughOneViewPerBlockCount() {
        try (NDManager weights = NDManager.newBaseManager(); NDManager call = weights.newSubManager()) {
            // 210 x 640 = 134,400 values: just above the split threshold.
            ModelParameter w = randomWeight(weights, 6 * 35, 640);
            assertThat(w.size()).isGreaterThanOrEqualTo(LinearOps.MIN_SPLIT_WEIGHT);
            NDArray b = weights.randomNormal(new Shape(6 * 35));
            int before = IntraOpThreads.current();
            int arrays = weights.getManagedArrays().size() - call.getManagedArrays().size();
            try {
                // 2, 3 and 6 divide the 210 outputs; 4 falls back to 3 blocks, 1 to the fused linear.
                for (int threads : new int[] {2, 3, 4, 6, 1, 2}) {
                    IntraOpThreads.use(threads);
                    for (long[] shape : new long[][] {{1, 1, 640}, {1, 640}, {3, 1, 640}, {2, 33, 640}}) {
                        NDArray x = call.randomNormal(new Shape(shape));
                        NDArray expected = fusedLinear(x, w.array(), b);
                        NDArray y = LinearOps.linear(x, w, b);
                        assertThat(y.getShape()).isEqualTo(expected.getShape());
                        assertThat(y.sub(expected).abs().max().getFloat())
                                .as("%d threads, x %s", threads, new Shape(shape)).isLessThan(1e-4f);
                        assertThat(y.getManager()).isSameAs(call);
                    }
                }
                assertThat(weights.getManagedArrays().size() - call.getManagedArrays().size())
                        .as("one view per block count (2, 3, 6) in the weights' manager, made once")
                        .isEqualTo(arrays + 3);
                assertThat(w.rowBlocks(4).getShape()).isEqualTo(new Shape(3, 640, 70));
                assertThat(w.rowBlocks(1)).isNull();

                // New values bound: the views of the old array are dropped.
                NDArray x = call.randomNormal(new Shape(1, 1, 640));
                NDArray expected = fusedLinear(x, w.array(), null);
                w.set(w.array().mul(2));
                IntraOpThreads.use(2);
                assertThat(LinearOps.linear(x, w, null).sub(expected.mul(2)).abs().max().getFloat()).isLessThan(2e-4f);
                assertThat(weights.getManagedArrays().size() - call.getManagedArrays().size())
                        .as("the doubled array and its one 2-block view").isEqualTo(arrays + 2);

                // Trainable: every forward reads the array itself, so gradients reach it.
                w.setTrainable(true);
                assertThat(w.rowBlocks(2)).isNull();
            } finally {
                IntraOpThreads.use(before);
            }
        }
    }

    @Test
    void weightsUnderTheThresholdKeepTheFusedLinear() {
        try (NDManager weights = NDManager.newBaseManager(); NDManager call = weights.newSubManager()) {
            ModelParameter w = randomWeight(weights, 256, 256);
            int before = IntraOpThreads.current();
            int arrays = weights.getManagedArrays().size() - call.getManagedArrays().size();
            try {
                IntraOpThreads.use(2);
                NDArray x = call.randomNormal(new Shape(1, 1, 256));
                assertThat(LinearOps.linear(x, w, null).sub(fusedLinear(x, w.array(), null)).abs().max().getFloat())
                        .isEqualTo(0f);
                assertThat(weights.getManagedArrays().size() - call.getManagedArrays().size())
                        .as("no view made").isEqualTo(arrays);
            } finally {
                IntraOpThreads.use(before);
            }
        }
    }

    /** A frozen {@code (out, in)} weight parameter of random values in {@code weights}. */
    private static ModelParameter randomWeight(NDManager weights, long out, long in) {
        ModelParameter head = new ParameterRegistry().scope("lm_head").param("weight", ParameterKind.WEIGHT, out, in);
        head.set(weights.randomNormal(new Shape(out, in)));
        return head;
    }

    /** libtorch's own fused linear, the reference every path is held to. */
    private static NDArray fusedLinear(NDArray x, NDArray w, NDArray b) {
        return x.getNDArrayInternal().linear(x, w, b).singletonOrThrow();
    }
}
