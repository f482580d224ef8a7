package io.github.blip2j.decoding.processors;

import io.github.blip2j.decoding.LogitsMath;

/** HF {@code temperature}: divides every score by the temperature ({@code < 1} sharpens). */
public final class TemperatureLogitsWarper implements LogitsProcessor {

    private final float temperature;

    /** @param temperature a finite value {@code > 0} */
    public TemperatureLogitsWarper(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException(
                    "temperature = " + temperature + ": must be a finite value > 0");
        }
        this.temperature = (float) temperature;
    }

    @Override
    public void process(int[] tokens, int length, float[] scores, int vocabSize) {
        LogitsMath.divide(scores, vocabSize, temperature);
    }
}
