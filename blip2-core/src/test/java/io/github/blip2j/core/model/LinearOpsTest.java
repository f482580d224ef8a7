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
                NDArray fused = x.getNDArrayInternal().linear(x, w, b).singletonOrThrow();
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
}
