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
    void frozenUpstreamPartsInFloat16EverythingTheGradientCrossesInFloat32() {
        TrainingBatch b = TinyFixture.teacherForcingBatch();
        double reference = TinyFixture.expected().get("gradients").get("loss").asDouble();
        try (Blip2Model model = Blip2Model.load(TinyFixture.dir()); AdamW adamw = AdamW.builder().build()) {
            model.parameters().setTrainable(Trainable.QFORMER.predicate());
            assertThat(MixedPrecision.castUpstreamFrozen(model.parameters(), n -> false, DataType.FLOAT16))
                    .containsExactly("vision_model.");
            for (ModelParameter p : model.parameters().all()) {
                assertThat(p.array().getDataType()).as(p.name())
                        .isEqualTo(p.name().startsWith("vision_model.") ? DataType.FLOAT16 : DataType.FLOAT32);
            }
            LossFunction f = MixedPrecision.lossFunction(model);
            assertThat((double) loss(model, f, b)).isCloseTo(reference, within(1e-2));
            TrainStep step = new TrainStep(model, TrainStep.of(model, adamw, 1).parameters(), adamw, 1.0, f, null);
            step.accumulate(b, 1.0, 0);
            StepOutcome o = step.apply(1e-3);
            assertThat(o.skipped()).isFalse();
            double allRef = TinyFixture.expected().get("gradients").get("all_trainable_grad_l2").asDouble();
            assertThat(o.gradNorm()).isCloseTo(allRef, within(1e-2 * allRef));
            assertThat(adamw.firstMoments().values()).allMatch(m -> m.getDataType() == DataType.FLOAT32);
        }
        try (Blip2Model model = Blip2Model.load(TinyFixture.dir())) {
            model.parameters().setTrainable(n -> false);
            // LoRA on the language model: everything before it may be half precision.
            assertThat(MixedPrecision.castUpstreamFrozen(model.parameters(), n -> n.startsWith("language_model."),
                    DataType.FLOAT16)).containsExactly("vision_model.", "query_tokens", "qformer.", "language_projection.");
            assertThatThrownBy(() -> MixedPrecision.castUpstreamFrozen(model.parameters(), n -> false, DataType.BFLOAT16))
                    .hasMessageContaining("BFLOAT16");
        }
    }
}
