package io.github.blip2j.metrics.meteor;

/**
 * A candidate match between a span of the reference ({@code start}, {@code length}) and a span
 * of the hypothesis ({@code matchStart}, {@code matchLength}), found by one module.
 */
final class Match {
    final int start;
    final int length;
    final int matchStart;
    final int matchLength;
    final int module;

    Match(int start, int length, int matchStart, int matchLength, int module) {
        this.start = start;
        this.length = length;
        this.matchStart = matchStart;
        this.matchLength = matchLength;
        this.module = module;
    }

    @Override
    public String toString() {
        return "ref " + start + ":" + length + " hyp " + matchStart + ":" + matchLength + " module " + module;
    }
}
