/**
 * Text in and out of the language model: {@link io.github.blip2j.core.text.TextTokenizer} wraps
 * DJL's Hugging Face tokenizer (Rust, loaded from the jar, no download) with BLIP-2's needs: ids
 * with the family's special tokens, padded batches with attention masks, and decoding.
 */
package io.github.blip2j.core.text;
