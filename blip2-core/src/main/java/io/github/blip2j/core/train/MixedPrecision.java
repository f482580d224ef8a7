package io.github.blip2j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.model.CrossEntropy;
import io.github.blip2j.core.model.ModelParameter;
import io.github.blip2j.core.model.OptLanguageModel;
import io.github.blip2j.core.model.ParameterRegistry;
import io.github.blip2j.core.model.T5LanguageModel;
import java.util.List;

/**
 * Mixed precision for fine-tuning: frozen parameters that no gradient has to pass through in
 * FLOAT16, everything else (trainable parameters, frozen parts downstream of them, optimizer state)
 * in FLOAT32. Never BFLOAT16: DJL 0.36's PyTorch engine aborts the JVM on BF16 arrays here.
 *
 * <p>Why only upstream parts: DJL 0.36 casts ({@code NDArray.toType}) under {@code NoGradGuard}, so a
 * cast cuts the autograd graph, and the model computes softmax and RMS-norm of half-precision
 * activations in float32 through such casts. A frozen language model in FLOAT16 would therefore get
 * a wrong backward pass, while the gradient of {@code QFORMER} training must flow through it. The
 * stages in data-flow order are vision tower, Q-Former (with the query tokens), projection and
 * language model; every frozen stage before the first one holding a trainable parameter is cast
 * (for {@code QFORMER}: the vision tower; for {@code LORA} on the language model: vision, Q-Former
 * and projection).
 *
 * <p>{@link Blip2Model#forward} computes in one dtype, so the mixed forward runs the stages itself,
 * casting each stage's input to the dtype of that stage's weights (casts only ever happen where no
 * gradient flows); the language-model part follows {@code Blip2Model.forward} step by step. With
 * every weight in float32 it computes exactly what {@code Blip2Model.forward} does.
 */
final class MixedPrecision {

    /** The pipeline stages in data-flow order, by parameter-name prefix. */
    private static final List<List<String>> STAGES = List.of(List.of("vision_model."),
            List.of("query_tokens", "qformer."), List.of("language_projection."), List.of("language_model."));

    private MixedPrecision() {}

    /**
     * Casts to {@code type} every floating-point parameter of the frozen stages that lie before the
     * first stage holding a trainable parameter (or an adapted weight, {@code adapted}).
     *
     * @return the names of the stages' prefixes that were cast
     */
    static List<String> castUpstreamFrozen(ParameterRegistry registry, java.util.function.Predicate<String> adapted,
                                           DataType type) {
        requireSafe(type);
        List<String> cast = new java.util.ArrayList<>();
        for (List<String> stage : STAGES) {
            List<ModelParameter> params = registry.matching(n -> stage.stream().anyMatch(n::startsWith));
            if (params.stream().anyMatch(p -> p.isTrainable() || adapted.test(p.name()))) {
                break;
            }
            params.forEach(p -> cast(p, type));
            cast.addAll(stage);
        }
        return cast;
    }

    /** Casts one parameter's array to {@code type} in place (no-op when already of that type). */
    static void cast(ModelParameter p, DataType type) {
        requireSafe(type);
        NDArray a = p.array();
        if (a.getDataType() == type || !a.getDataType().isFloating()) {
            return;
        }
        NDArray c = a.toType(type, false);
        c.setName(p.name());
        p.set(c);
        a.close();
    }

    private static void requireSafe(DataType type) {
        if (type == DataType.BFLOAT16) {
            throw new IllegalArgumentException("dtype BFLOAT16 is not allowed: DJL 0.36's PyTorch engine aborts the"
                    + " JVM on BF16 arrays; use FLOAT16");
        }
    }

    /** The stage-wise forward described in the class comment. */
    static LossFunction lossFunction(Blip2Model model) {
        return (pixels, ids, mask, labels) -> languageModelLoss(model, prefix(model, pixels), ids, mask, labels);
    }

    /** Vision, Q-Former and projection, each in its weights' dtype: the {@code (B, Q, D)} language-model prefix. */
    static NDArray prefix(Blip2Model model, NDArray pixels) {
        ParameterRegistry reg = model.parameters();
        NDArray image = model.visionModel().forward(to(pixels, reg.get("vision_model.embeddings.patch_embedding.weight")))
                .lastHiddenState();
        NDArray query = model.qformer().forward(to(image, reg.get("query_tokens")));
        NDArray prefix = model.languageProjection().forward(to(query, reg.get("language_projection.weight")));
        return prefix.getDataType() == model.dtype() ? prefix : prefix.toType(model.dtype(), false);
    }

    private static NDArray to(NDArray x, ModelParameter like) {
        DataType t = like.array().getDataType();
        return x.getDataType() == t ? x : x.toType(t, false);
    }

    /** Blip2Model.forward after the prefix, in the language model's own dtype. */
    private static NDArray languageModelLoss(Blip2Model model, NDArray prefix, NDArray ids, NDArray mask,
                                             NDArray labels) {
        NDArray tokens = model.languageModel().embed(ids);
        DataType lmType = tokens.getDataType();
        NDArray prefixLm = prefix.getDataType() == lmType ? prefix : prefix.toType(lmType, false);
        long b = prefixLm.getShape().get(0);
        long q = prefixLm.getShape().get(1);
        NDArray embeds = NDArrays.concat(new NDList(prefixLm, tokens), 1);
        NDArray attention = mask != null ? mask : ids.onesLike();
        NDArray fullMask = NDArrays.concat(new NDList(
                prefixLm.getManager().ones(new Shape(b, q), DataType.INT64, prefixLm.getDevice()),
                attention.toType(DataType.INT64, false)), 1);
        if (model.languageModel() instanceof T5LanguageModel t5) {
            NDArray logits = t5.forward(embeds, fullMask, t5.shiftRight(labels));
            return CrossEntropy.mean(logits, labels);
        }
        OptLanguageModel opt = (OptLanguageModel) model.languageModel();
        NDArray logits = opt.logits(opt.forward(embeds, rows(fullMask), null).hidden());
        long l = labels.getShape().get(1);
        long total = logits.getShape().get(1);
        logits = logits.get(":, " + (total - l) + ":, :");
        return CrossEntropy.mean(logits.get(":, :-1, :"), labels.get(":, 1:"));
    }

    private static int[][] rows(NDArray mask) {
        int b = (int) mask.getShape().get(0);
        int n = (int) mask.getShape().get(1);
        long[] flat = mask.toLongArray();
        int[][] out = new int[b][n];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = (int) flat[i * n + j];
            }
        }
        return out;
    }
}
