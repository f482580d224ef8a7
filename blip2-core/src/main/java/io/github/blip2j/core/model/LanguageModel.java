package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;

/** The language half of BLIP-2: a T5 encoder-decoder or an OPT decoder. */
public sealed interface LanguageModel permits T5LanguageModel, OptLanguageModel {

    /** Token embeddings {@code (B, T) -> (B, T, D)}, in {@code ids}' manager. */
    NDArray embed(NDArray ids);

    /** Vocabulary size = width of the logits. */
    int vocabSize();

    /** Embedding width. */
    int hiddenSize();
}
