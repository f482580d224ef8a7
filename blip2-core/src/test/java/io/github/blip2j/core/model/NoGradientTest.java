package io.github.blip2j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.github.blip2j.core.io.SafetensorsReader;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * On a thread where libtorch's grad mode is on (any thread but the one that started the engine),
 * inference with trainable parameters records a graph unless it runs under {@link NoGradient}.
 * Whether a graph exists is probed by running backward on the result ({@code hasGradient()} does not
 * report it for non-leaf arrays).
 */
class NoGradientTest {

    private static boolean recordsGraph(Blip2Model model, NDArray pixels, NDManager m) {
        NDArray out = model.languageInputs(pixels).sum();
        try {
            JniUtils.backward((PtNDArray) out, (PtNDArray) m.ones(out.getShape()), false, false);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void inferenceUnderTheGuardRecordsNothing() throws Exception {
        try (Blip2Model model = Blip2Model.load(TinyT5Fixture.dir());
                SafetensorsReader expected = TinyT5Fixture.tensors()) {
            model.parameters().setTrainable(n -> n.equals("query_tokens"));
            AtomicReference<boolean[]> seen = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread worker = new Thread(() -> {
                try (NDManager call = model.manager().newSubManager()) {
                    NDArray pixels = expected.load("pixel_values", call, DataType.FLOAT32);
                    boolean unguarded = recordsGraph(model, pixels, call);
                    boolean guarded = NoGradient.run(() -> recordsGraph(model, pixels, call));
                    seen.set(new boolean[] {unguarded, guarded, JniUtils.isGradMode()});
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            worker.start();
            worker.join();
            assertThat(failure.get()).isNull();
            assertThat(seen.get()[0]).as("without the guard a graph is recorded").isTrue();
            assertThat(seen.get()[1]).as("under the guard nothing is recorded").isFalse();
            assertThat(seen.get()[2]).as("the thread's grad mode is restored").isTrue();
        }
    }
}
