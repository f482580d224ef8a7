/**
 * BLIP-2 configuration read from a Hugging Face {@code config.json}, with the library's defaults for
 * every absent key ({@link io.github.blip2j.core.config.Blip2Config#load}).
 */
package io.github.blip2j.core.config;
