/**
 * Generation adapters: {@link io.github.blip2j.core.generation.Blip2Generation#start} primes a
 * {@link io.github.blip2j.core.generation.GenerationSession} (a blip2-decoding
 * {@code NextTokenModel}) with images and prompts; any decoding strategy then drives it step by step.
 * T5 runs its encoder once and keeps cross-attention keys/values per image; both T5 and OPT keep a
 * self-attention KV cache on the device and gather it with index ops when rows are reordered.
 */
package io.github.blip2j.core.generation;
