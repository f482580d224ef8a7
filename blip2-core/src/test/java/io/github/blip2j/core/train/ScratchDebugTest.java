package io.github.blip2j.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class ScratchDebugTest {

    @Test
    void scratch() {
        int bad = 0;
        for (int i = 0; i < 30; i++) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = m.create(new float[] {1, 2, 3, 4});
                x.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = x.div(3.0).sum();
                    for (int k = 0; k < 3; k++) {
                        System.gc();
                        byte[][] junk = new byte[200][];
                        for (int j = 0; j < junk.length; j++) {
                            junk[j] = new byte[10000];
                            java.nio.ByteBuffer.allocateDirect(64).putFloat(0, Float.NaN);
                        }
                    }
                    gc.backward(y);
                }
                float g = x.getGradient().toFloatArray()[0];
                if (Math.abs(g - 1f / 3) > 1e-6) {
                    bad++;
                    System.out.println("DBG bad grad " + g);
                }
            }
        }
        System.out.println("DBG bad " + bad);
    }
}
