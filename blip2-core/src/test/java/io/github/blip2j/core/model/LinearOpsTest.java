package io.github.blip2j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The streaming orientation for few rows x a huge weight gives the fused linear's values and leaks nothing. */
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
    void headUsesOneTransposedCopyForOneRowAndDropsItWhenTheWeightChanges() {
        try (NDManager weights = NDManager.newBaseManager(); NDManager call = weights.newSubManager()) {
            ModelParameter head = randomHead(weights, LinearOps.MIN_SKINNY_WEIGHT / 128 + 5, 128);
            int before = weights.getManagedArrays().size() - call.getManagedArrays().size();
            NDArray x = call.randomNormal(new Shape(1, 1, 128));
            NDArray expected = fusedLinear(x, head.array(), null);
            for (int i = 0; i < 3; i++) {
                NDArray y = LinearOps.head(x, head, 1);
                assertThat(y.getShape()).isEqualTo(expected.getShape());
                assertThat(y.sub(expected).abs().max().getFloat()).isLessThan(1e-4f);
            }
            assertThat(weights.getManagedArrays().size() - call.getManagedArrays().size())
                    .as("one transposed copy in the weights' manager, made once").isEqualTo(before + 1);

            // New values bound: the copy is dropped and remade from them.
            NDArray replaced = head.array().mul(2);
            head.set(replaced);
            NDArray y = LinearOps.head(x, head, 1);
            assertThat(y.sub(expected.mul(2)).abs().max().getFloat()).isLessThan(2e-4f);

            // Trainable: no copy (its values may change in place), the plain path is used.
            head.setTrainable(true);
            assertThat(head.transposedBlocks(1)).isNull();
            head.setTrainable(false);
            head.array().setRequiresGradient(false);
            assertThat(LinearOps.head(x, head, 1).sub(expected.mul(2)).abs().max().getFloat()).isLessThan(2e-4f);
            // Several rows take the streaming orientation and give the same values.
            NDArray rows = call.randomNormal(new Shape(3, 1, 128));
            NDArray fused = fusedLinear(rows, head.array(), null);
            assertThat(LinearOps.head(rows, head, 2).sub(fused).abs().max().getFloat()).isLessThan(2e-4f);
        }
    }

    @Test
    void headCutIntoColumnBlocksGivesTheSameLogitsForAnyWidthAndRestoresTheThreadCount() {
        try (NDManager weights = NDManager.newBaseManager(); NDManager call = weights.newSubManager()) {
            // Odd width: the last block is padded with zero columns that must not reach the logits.
            long out = LinearOps.MIN_SKINNY_WEIGHT / 64 + 7;
            ModelParameter head = randomHead(weights, out, 64);
            NDArray x = call.randomNormal(new Shape(1, 1, 64));
            NDArray expected = fusedLinear(x, head.array(), null);
            int threads = IntraOpThreads.current();
            int before = weights.getManagedArrays().size() - call.getManagedArrays().size();
            for (int ways : new int[] {2, 3, 2}) {
                NDArray y = LinearOps.head(x, head, ways);
                assertThat(y.getShape()).isEqualTo(expected.getShape());
                assertThat(y.sub(expected).abs().max().getFloat()).as("%d blocks", ways).isLessThan(1e-4f);
                assertThat(IntraOpThreads.current()).isEqualTo(threads);
                assertThat(weights.getManagedArrays().size() - call.getManagedArrays().size())
                        .as("one block copy at a time").isEqualTo(before + 1);
            }
            assertThat(head.transposedBlocks(3).getShape()).isEqualTo(new Shape(3, 64, (out + 2) / 3));
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
