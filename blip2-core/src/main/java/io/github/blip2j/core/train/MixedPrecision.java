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

/**
 * Mixed precision for fine-tuning: frozen parameters in FLOAT16, trainable ones (and the optimizer
 * state) in FLOAT32. Never BFLOAT16: DJL 0.36's PyTorch engine aborts the JVM on BF16 arrays here.
 *
 * <p>{@link Blip2Model#forward} computes in one dtype, so the mixed forward runs the three stages
 * itself (vision tower, Q-Former + projection, language model), casting each stage's input to the
 * dtype of that stage's weights; the language-model part follows {@code Blip2Model.forward} step by
 * step. With every weight in float32 it computes exactly what {@code Blip2Model.forward} does.
 */
final class MixedPrecision {

    private MixedPrecision() {}

    /** Casts every frozen floating-point parameter to {@code type} in place (the old array is freed). */
    static void castFrozen(ParameterRegistry registry, DataType type) {
        requireSafe(type);
        for (ModelParameter p : registry.all()) {
            if (!p.isTrainable() && p.isLoaded()) {
                cast(p, type);
            }
        }
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
        ParameterRegistry reg = model.parameters();
        ModelParameter vision = reg.get("vision_model.embeddings.patch_embedding.weight");
        ModelParameter queries = reg.get("query_tokens");
        ModelParameter projection = reg.get("language_projection.weight");
        return (pixels, ids, mask, labels) -> {
            NDArray image = model.visionModel().forward(to(pixels, vision)).lastHiddenState();
            NDArray query = model.qformer().forward(to(image, queries));
            NDArray prefix = model.languageProjection().forward(to(query, projection));
            return languageModelLoss(model, prefix, ids, mask, labels);
        };
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
