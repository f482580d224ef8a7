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
    void oneRowProductsSplitAcrossThreadsGiveTheFusedValuesThroughOneViewPerBlockCount() {
        try (NDManager weights = NDManager.newBaseManager(); NDManager call = weights.newSubManager()) {
            ModelParameter head = randomHead(weights, 6 * 35, 48);
            NDArray b = weights.randomNormal(new Shape(6 * 35));
            NDArray x = call.randomNormal(new Shape(1, 1, 48));
            NDArray expected = fusedLinear(x, head.array(), b);
            int before = IntraOpThreads.current();
            int arrays = weights.getManagedArrays().size() - call.getManagedArrays().size();
            try {
                // 2, 3 and 6 divide the 210 outputs; 4 falls back to 3 blocks, 1 to the fused linear.
                for (int threads : new int[] {2, 3, 4, 6, 1, 2}) {
                    IntraOpThreads.use(threads);
                    NDArray y = LinearOps.linear(x, head, b);
                    assertThat(y.getShape()).isEqualTo(expected.getShape());
                    assertThat(y.sub(expected).abs().max().getFloat()).as("%d threads", threads).isLessThan(1e-4f);
                    assertThat(y.getManager()).isSameAs(call);
                    NDArray flat = LinearOps.linear(x.reshape(1, 48), head, b);
                    assertThat(flat.getShape()).isEqualTo(new Shape(1, 6 * 35));
                    assertThat(flat.sub(expected.reshape(1, 6 * 35)).abs().max().getFloat()).isLessThan(1e-4f);
                }
                assertThat(weights.getManagedArrays().size() - call.getManagedArrays().size())
                        .as("one view per block count (2, 3, 6) in the weights' manager, made once")
                        .isEqualTo(arrays + 3);
                assertThat(head.rowBlocks(4).getShape()).isEqualTo(new Shape(3, 48, 70));
                assertThat(head.rowBlocks(1)).isNull();

                // New values bound: the view of the old array is dropped.
                head.set(head.array().mul(2));
                IntraOpThreads.use(2);
                NDArray twice = LinearOps.linear(x, head, null);
                assertThat(twice.sub(expected.sub(b).mul(2)).abs().max().getFloat()).isLessThan(2e-4f);

                // Trainable: every forward reads the array itself, so gradients reach it.
                head.setTrainable(true);
                assertThat(head.rowBlocks(2)).isNull();
                head.setTrainable(false);
                head.array().setRequiresGradient(false);
                // Several rows take the fused linear or the streaming orientation whatever the thread count.
                NDArray rows = call.randomNormal(new Shape(3, 1, 48));
                NDArray fused = fusedLinear(rows, head.array(), null);
                assertThat(LinearOps.linear(rows, head, null).sub(fused).abs().max().getFloat()).isLessThan(2e-4f);
            } finally {
                IntraOpThreads.use(before);
            }
        }
    }

    /** An {@code lm_head} parameter of {@code (out, in)} random values in {@code weights}. */
    private static ModelParameter randomHead(NDManager weights, long out, long in) {
        ModelParameter head = new ParameterRegistry().scope("lm_head").param("weight", ParameterKind.WEIGHT, out, in);
        head.set(weights.randomNormal(new Shape(out, in)));
        return head;
    }

    /** libtorch's own fused linear, the reference every path is held to. */
    private static NDArray fusedLinear(NDArray x, NDArray w, NDArray b) {
        return x.getNDArrayInternal().linear(x, w, b).singletonOrThrow();
    }
}
