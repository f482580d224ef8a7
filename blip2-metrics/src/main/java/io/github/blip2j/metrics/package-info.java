/** metrics. */
package io.github.blip2j.metrics;
