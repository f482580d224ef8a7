package io.github.blip2j.decoding;

/**
 * SplitMix64 (Steele, Lea and Flood 2014): a tiny generator whose output depends only on its seed,
 * so sampled captions are identical across JVMs and JDK versions.
 */
final class SplitMix64 {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long nextLong() {
        return finalizer(state += GOLDEN);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A well-mixed seed for stream {@code index} derived from {@code seed}. */
    static long derive(long seed, long index) {
        return finalizer(seed + GOLDEN * (index + 1)) ^ finalizer(index ^ 0x632BE59BD9B4E019L);
    }

    private static long finalizer(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
