package io.github.blip2j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.model.ModelParameter;
import org.junit.jupiter.api.Test;

class MixedPrecisionTest {

    private static float loss(Blip2Model model, LossFunction f, TrainingBatch b) {
        try (NDManager scope = model.manager().newSubManager()) {
            return f.loss(scope.create(b.pixels(), new Shape(2, 3, 32, 32)), TinyFixture.array(scope, b.inputIds()),
                    TinyFixture.array(scope, b.attentionMask()), TinyFixture.array(scope, b.labels())).getFloat();
        }
    }

    @Test
    void stageWiseForwardEqualsModelForwardInFloat32() {
        TrainingBatch b = TinyFixture.teacherForcingBatch();
        try (Blip2Model model = Blip2Model.load(TinyFixture.dir())) {
            assertThat(loss(model, MixedPrecision.lossFunction(model), b))
                    .isEqualTo(loss(model, LossFunction.of(model), b));
        }
    }

    @Test
    void frozenPartsInFloat16TrainablePartsInFloat32() {
        TrainingBatch b = TinyFixture.teacherForcingBatch();
        double reference = TinyFixture.expected().get("gradients").get("loss").asDouble();
        try (Blip2Model model = Blip2Model.load(TinyFixture.dir()); AdamW adamw = AdamW.builder().build()) {
            model.parameters().setTrainable(Trainable.QFORMER.predicate());
            MixedPrecision.castFrozen(model.parameters(), DataType.FLOAT16);
            for (ModelParameter p : model.parameters().all()) {
                assertThat(p.array().getDataType()).as(p.name())
                        .isEqualTo(p.isTrainable() ? DataType.FLOAT32 : DataType.FLOAT16);
            }
            LossFunction f = MixedPrecision.lossFunction(model);
            assertThat((double) loss(model, f, b)).isCloseTo(reference, within(2e-2));
            TrainStep step = new TrainStep(model, TrainStep.of(model, adamw, 1).parameters(), adamw, 1.0, f, null);
            step.accumulate(b, 1.0, 0);
            StepOutcome o = step.apply(1e-3);
            assertThat(o.skipped()).isFalse();
            double allRef = TinyFixture.expected().get("gradients").get("all_trainable_grad_l2").asDouble();
            assertThat(o.gradNorm()).isCloseTo(allRef, within(2e-2 * allRef));
            assertThat(adamw.firstMoments().values()).allMatch(m -> m.getDataType() == DataType.FLOAT32);
            // Upcasting for generation and back is exact.
            float[] before = model.parameters().get("language_model.shared.weight").array().toType(DataType.FLOAT32, false)
                    .toFloatArray();
            MixedPrecision.castFrozen(model.parameters(), DataType.FLOAT32);
            MixedPrecision.castFrozen(model.parameters(), DataType.FLOAT16);
            assertThat(model.parameters().get("language_model.shared.weight").array().toType(DataType.FLOAT32, false)
                    .toFloatArray()).isEqualTo(before);
        }
        assertThatThrownBy(() -> MixedPrecision.castFrozen(null, DataType.BFLOAT16)).hasMessageContaining("BFLOAT16");
    }
}
