/**
 * Image preprocessing identical to Hugging Face's {@code BlipImageProcessor}: RGB conversion, a
 * bit-exact port of Pillow's resampling ({@link io.github.blip2j.core.image.PillowResize}),
 * rescaling and normalisation ({@link io.github.blip2j.core.image.BlipImageProcessor}).
 */
package io.github.blip2j.core.image;
