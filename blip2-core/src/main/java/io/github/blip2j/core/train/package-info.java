/**
 * Fine-tuning BLIP-2 on image captions: {@link io.github.blip2j.core.train.FineTuner} (the loop, on one
 * screen in {@code TrainingRun}), {@link io.github.blip2j.core.train.TrainStep} (forward, backward,
 * accumulation, global-norm clipping, {@link io.github.blip2j.core.train.AdamW}), LoRA adapters,
 * crash-safe checkpoints and the Hugging Face-layout export.
 *
 * <h2>Parity</h2>
 * On the tiny Flan-T5 fixture (eval semantics, no dropout) the loss, every per-parameter gradient norm,
 * the Q-Former and global gradient norms (1e-4 relative) and one {@code torch.optim.AdamW} step
 * ({@code loss_after_step}, {@code query_tokens}) match {@code transformers} 4.36.2 + torch
 * ({@code GradientParityTest}).
 *
 * <h2>Reproducibility and resume</h2>
 * Every random choice is a function of the seed and the position: the data order
 * ({@code ImageBatchLoader.plan(epoch)}), the dropout masks (libtorch's generator is reseeded before
 * every micro-batch from (seed, step, micro-batch)), the LoRA init. A checkpoint is taken only at an
 * optimizer-step boundary and holds the trainable weights, the AdamW moments and step, and the run
 * state (epoch, next batch, schedule step, best metric, early-stopping counter); a resumed run
 * therefore ends with bit-identical weights (same machine and thread count; {@code ResumeTest}).
 *
 * <h2>Known limits (DJL 0.36)</h2>
 * <ul>
 *   <li>{@code NDArray.toType} runs under {@code NoGradGuard}: a cast cuts the autograd graph. Mixed
 *       precision therefore keeps in FLOAT16 only frozen stages upstream of every trainable parameter
 *       (the vision tower for {@code QFORMER}); the language model, which the gradient crosses, stays
 *       FLOAT32.</li>
 *   <li>{@code NDArray.mul(Number)}, {@code div(Number)}, {@code pow(Number)} create the scalar from a
 *       Java direct buffer and close it at once; autograd keeps that tensor for backward, and after a
 *       garbage collection the backward reads freed memory (wrong or NaN gradients). Code on the
 *       autograd path must use scalar arrays that live until backward.</li>
 *   <li>LoRA dropout &gt; 0 is rejected: the adapter is merged into the target weight at every
 *       forward, which cannot drop the adapter's input alone.</li>
 * </ul>
 *
 * <h2>Mixed precision on the CPU</h2>
 * Measured with {@code TrainStepBenchmark} (benchmarks module): see that class and the module's
 * report for numbers; without native half-precision arithmetic the CPU converts, so FLOAT16 is not
 * the default.
 */
package io.github.blip2j.core.train;
