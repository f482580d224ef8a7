package io.github.blip2j.core.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.blip2j.core.config.TextConfig;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.model.NoGradient;
import io.github.blip2j.core.model.OptLanguageModel;
import io.github.blip2j.core.model.T5LanguageModel;
import java.util.Arrays;

/**
 * Opens {@link GenerationSession}s: the adapter between a {@link Blip2Model} and the decoding
 * strategies, with Hugging Face v4.36.2's {@code Blip2ForConditionalGeneration.generate} semantics.
 *
 * <pre>{@code
 * try (GenerationSession s = Blip2Generation.start(model, pixelValues, null)) {
 *     GenerationResult r = greedy.generate(s, s.leadingTokenId(), ...);
 * }
 * }</pre>
 */
public final class Blip2Generation {

    private Blip2Generation() {}

    /**
     * Runs vision, Q-Former and projection on {@code pixelValues}, then primes the language model.
     *
     * @param pixelValues {@code (B, 3, H, W)}; not modified, and nothing is left in its manager
     * @param prompts padded prompt ids, one row per image, or {@code null} for no prompt (Hugging Face
     *     then uses {@code [[bos_token_id]]} per image)
     */
    public static GenerationSession start(Blip2Model model, NDArray pixelValues, PromptBatch prompts) {
        return NoGradient.run(() -> {
            try (NDManager prep = model.manager().newSubManager()) {
                pixelValues.tempAttach(prep);
                NDArray prefix = model.languageInputs(pixelValues);
                return startFromPrefix(model, prefix, prompts);
            }
        });
    }

    /**
     * Primes the language model with an already computed {@code (B, Q, D)} prefix
     * ({@link Blip2Model#languageInputs}), e.g. to decode the same images several times.
     */
    public static GenerationSession startFromPrefix(Blip2Model model, NDArray languageInputs, PromptBatch prompts) {
        int batch = (int) languageInputs.getShape().get(0);
        PromptBatch p = prompts != null ? prompts : bosPrompts(model.config().text(), batch);
        if (p.size() != batch) {
            throw new IllegalArgumentException("prompts: " + p.size() + " rows for " + batch + " images");
        }
        return NoGradient.run(() -> model.languageModel() instanceof T5LanguageModel t5
                ? new T5NextTokenModel(model, t5, languageInputs, p)
                : new OptNextTokenModel(model, (OptLanguageModel) model.languageModel(), languageInputs, p));
    }

    private static PromptBatch bosPrompts(TextConfig text, int batch) {
        Integer bos = text.bosTokenId();
        if (bos == null) {
            throw new IllegalStateException("text_config.bos_token_id is not set, so generation without a prompt"
                    + " is undefined (Hugging Face fails the same way); pass a prompt");
        }
        long[][] ids = new long[batch][1];
        for (long[] row : ids) {
            Arrays.fill(row, bos);
        }
        return PromptBatch.of(ids);
    }

    /** Checks a {@code selectRows} argument and returns the image of each new row. */
    static int[] remap(int[] rows, int[] rowImage) {
        int[] next = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] < 0 || rows[r] >= rowImage.length) {
                throw new IndexOutOfBoundsException("selectRows: row " + rows[r] + " at position " + r
                        + " is outside 0.." + (rowImage.length - 1));
            }
            next[r] = rowImage[rows[r]];
        }
        return next;
    }

    /** Writes {@code (R, 1, V)} logits into the caller's array, as float32. */
    static void copyLogits(NDArray logits, float[] out, int rows, int vocab) {
        if (out.length < rows * vocab) {
            throw new IllegalArgumentException("logits: array of " + out.length + " floats cannot hold " + rows
                    + " rows x " + vocab);
        }
        NDArray f = logits.getDataType() == ai.djl.ndarray.types.DataType.FLOAT32
                ? logits
                : logits.toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        f.toByteBuffer().asFloatBuffer().get(out, 0, rows * vocab);
    }
}
