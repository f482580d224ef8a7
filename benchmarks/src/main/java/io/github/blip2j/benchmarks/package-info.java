/** JMH benchmarks. */
package io.github.blip2j.benchmarks;
