package io.github.blip2j.examples.demo;

import io.github.blip2j.decoding.GenerationConfig;
import java.util.List;

/**
 * A named decoding strategy of the demo, as {@code report.json} names it.
 *
 * @param name        the report key, e.g. {@code beam5}
 * @param description what it is, for the report's table header
 * @param config      the decoding settings (token ids come from the model when the captioner is built)
 */
public record DemoStrategy(String name, String description, GenerationConfig config) {

    /**
     * The seed's three strategies: beam search with 5 beams; top-k 50 sampling at temperature 0.8;
     * nucleus (top-p 0.9) sampling at temperature 0.7. Sampling is seeded, so reruns repeat.
     *
     * @param maxNewTokens longest caption in tokens
     * @param seed         sampling seed
     */
    public static List<DemoStrategy> seedStrategies(int maxNewTokens, long seed) {
        return List.of(
                new DemoStrategy("beam5", "beam search, 5 beams",
                        GenerationConfig.builder().numBeams(5).maxNewTokens(maxNewTokens).build()),
                new DemoStrategy("topk50_t0.8", "top-k 50 sampling, temperature 0.8",
                        GenerationConfig.builder().doSample(true).topK(50).temperature(0.8).maxNewTokens(maxNewTokens)
                                .seed(seed).build()),
                new DemoStrategy("topp0.9_t0.7", "top-p 0.9 sampling, temperature 0.7",
                        GenerationConfig.builder().doSample(true).topP(0.9).temperature(0.7).maxNewTokens(maxNewTokens)
                                .seed(seed).build()));
    }
}
