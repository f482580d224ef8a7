package io.github.blip2j.core.train;

import java.util.function.DoubleUnaryOperator;

/**
 * The learning rate as a function of the optimizer step (0-based: the rate used by the first update is
 * {@code at(0)}).
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The learning rate for optimizer step {@code step} (0-based). */
    double at(long step);

    /** The same rate at every step. */
    static LearningRateSchedule constant(double lr) {
        requirePositive("learningRate", lr);
        return step -> lr;
    }

    /**
     * Linear warm-up over {@code warmupSteps} (as {@link #warmupCosine}), then {@code peak} until the end.
     */
    static LearningRateSchedule warmupConstant(double peak, long warmupSteps) {
        requirePositive("learningRate", peak);
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        }
        return step -> step < warmupSteps ? peak * (step + 1) / (double) warmupSteps : peak;
    }

    /** The schedule of {@code kind}: {@link #warmupCosine}, {@link #warmupLinear} or {@link #warmupConstant}. */
    static LearningRateSchedule of(ScheduleKind kind, double peak, long warmupSteps, long totalSteps, double minLr) {
        return switch (kind) {
            case COSINE -> warmupCosine(peak, warmupSteps, totalSteps, minLr);
            case LINEAR -> warmupLinear(peak, warmupSteps, totalSteps, minLr);
            case CONSTANT -> warmupConstant(peak, warmupSteps);
        };
    }

    /**
     * Linear warm-up as {@link #warmupCosine}, then a straight line per step from {@code peak} down to
     * {@code minLr} at {@code totalSteps} (Hugging Face's {@code get_linear_schedule_with_warmup} with
     * {@code minLr = 0}, except that the first update is not wasted at lr 0). It spends more of the
     * run near the peak than the cosine does. Steps past the end stay at {@code minLr}.
     */
    static LearningRateSchedule warmupLinear(double peak, long warmupSteps, long totalSteps, double minLr) {
        return warmupThenDecay(peak, warmupSteps, totalSteps, minLr, progress -> 1 - progress);
    }

    /**
     * Linear warm-up to {@code peak} over {@code warmupSteps} (step {@code s} gets
     * {@code peak * (s + 1) / warmupSteps}, so the first update is not wasted at lr 0 as in Hugging
     * Face's {@code get_cosine_schedule_with_warmup}), then a half cosine per step down to {@code minLr}
     * at {@code totalSteps} (LAVIS' recipe for BLIP-2 applies the cosine per epoch; per step is smoother
     * and independent of the epoch length). Steps past the end stay at {@code minLr}.
     */
    static LearningRateSchedule warmupCosine(double peak, long warmupSteps, long totalSteps, double minLr) {
        return warmupThenDecay(peak, warmupSteps, totalSteps, minLr,
                progress -> 0.5 * (1 + Math.cos(Math.PI * progress)));
    }

    /**
     * The warm-up, then {@code minLr + (peak - minLr) * shape(progress)} with {@code progress} going
     * from 0 after the warm-up to 1 at {@code totalSteps} and staying there.
     */
    private static LearningRateSchedule warmupThenDecay(double peak, long warmupSteps, long totalSteps, double minLr,
                                                        DoubleUnaryOperator shape) {
        checkDecay(peak, warmupSteps, totalSteps, minLr);
        long decaySteps = Math.max(1, totalSteps - warmupSteps);
        return step -> {
            if (step < warmupSteps) {
                // (step + 1) so that the very first update is not wasted at lr = 0.
                return peak * (step + 1) / (double) warmupSteps;
            }
            double progress = Math.min(1.0, (step - warmupSteps) / (double) decaySteps);
            return minLr + (peak - minLr) * shape.applyAsDouble(progress);
        };
    }

    private static void checkDecay(double peak, long warmupSteps, long totalSteps, double minLr) {
        requirePositive("learningRate", peak);
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        }
        if (totalSteps < 1) {
            throw new IllegalArgumentException("totalSteps must be >= 1, got " + totalSteps);
        }
        if (minLr < 0 || minLr > peak) {
            throw new IllegalArgumentException("minLearningRate must be in [0, " + peak + "], got " + minLr);
        }
    }

    private static void requirePositive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite value > 0, got " + value);
        }
    }
}
