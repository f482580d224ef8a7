package io.github.blip2j.decoding;

/**
 * The one-call entry point a runtime uses: pick the strategy HF would pick for a config and run it.
 *
 * <pre>{@code
 * GenerationConfig cfg = GenerationConfig.fromJson(dir.resolve("generation_config.json"))
 *         .toBuilder().numBeams(5).maxNewTokens(30).build();
 * GenerationResult out = Generator.generate(model, batchSize, cfg.leadingTokenId().orElse(0), cfg);
 * int[] caption = out.best(0).tokensWithoutEos();
 * }</pre>
 */
public final class Generator {

    private Generator() {}

    /** The strategy {@code config.mode()} selects (see {@link GenerationConfig#strategy()}). */
    public static DecodingStrategy strategy(GenerationConfig config) {
        return config.strategy();
    }

    /** Generates for {@code batchSize} items that all start with {@code leadingToken}. */
    public static GenerationResult generate(NextTokenModel model, int batchSize, int leadingToken,
            GenerationConfig config) {
        return config.strategy().generate(model, batchSize, leadingToken);
    }

    /** Generates with one leading token per item and an optional streaming listener (may be null). */
    public static GenerationResult generate(NextTokenModel model, int[] leadingTokens, GenerationConfig config,
            TokenListener listener) {
        return config.strategy().generate(model, leadingTokens, null, listener);
    }
}
