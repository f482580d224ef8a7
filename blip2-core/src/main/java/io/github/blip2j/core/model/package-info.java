/**
 * The BLIP-2 network on DJL NDArrays, one file per component, with the numerics of Hugging Face
 * {@code transformers} v4.36.2: {@link io.github.blip2j.core.model.VisionTransformer},
 * {@link io.github.blip2j.core.model.QFormer}, {@link io.github.blip2j.core.model.LanguageProjection},
 * {@link io.github.blip2j.core.model.T5LanguageModel} (Flan-T5) and
 * {@link io.github.blip2j.core.model.OptLanguageModel}, wired by
 * {@link io.github.blip2j.core.model.Blip2Model}.
 *
 * <p>Components are plain classes that hold {@link io.github.blip2j.core.model.ModelParameter}s and
 * call fused DJL ops directly (linear, layerNorm, embedding, gelu, softmax): no block machinery on
 * the hot path. Every weight is registered under its checkpoint name in a
 * {@link io.github.blip2j.core.model.ParameterRegistry}, so loading
 * ({@link io.github.blip2j.core.model.CheckpointLoader}) is a straight, validated mapping and a
 * fine-tuner marks a subset trainable and gets gradients through DJL's {@code GradientCollector}.
 *
 * <p>Memory: weights live in the model's manager; every forward puts its results and intermediates
 * in the manager of its input activation. Run each call in a short-lived sub-manager (attach or
 * {@code tempAttach} the input to it) and native memory stays flat.
 */
package io.github.blip2j.core.model;
