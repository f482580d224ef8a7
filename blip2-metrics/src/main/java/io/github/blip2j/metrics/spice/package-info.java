/**
 * SPICE (Anderson et al. 2016) for {@link io.github.blip2j.metrics.CaptionMetrics}: the typed result
 * ({@link io.github.blip2j.metrics.spice.SpiceImageScore}), the scorer, and the service interface
 * ({@link io.github.blip2j.metrics.spice.SpiceProvider}) that the optional, GPL-licensed module
 * {@code io.github.blip2j:blip2-spice} implements. blip2-metrics itself has no parser and no
 * dependency on that module.
 */
package io.github.blip2j.metrics.spice;
