/**
 * Checkpoint I/O: a memory-mapped safetensors reader for single-file and sharded checkpoints of any
 * size ({@link io.github.blip2j.core.io.SafetensorsReader}), a writer
 * ({@link io.github.blip2j.core.io.SafetensorsWriter}), and {@link io.github.blip2j.core.io.DTypes},
 * which keeps BFLOAT16 away from the DJL 0.36 PyTorch engine (it aborts the JVM there).
 */
package io.github.blip2j.core.io;
