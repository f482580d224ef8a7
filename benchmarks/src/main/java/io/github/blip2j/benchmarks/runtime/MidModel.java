package io.github.blip2j.benchmarks.runtime;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.blip2j.core.config.Blip2Config;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.decoding.GenerationConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The mid-size BLIP-2 of {@code ../shared/fixtures/perf} (ViT 384x6, Q-Former 384x4, Flan-T5-style
 * 512, 6+6 layers, vocab 32128; 90.2 M parameters) with deterministic random weights.
 */
final class MidModel {

    static final String CONFIG_RESOURCE = "/perf/blip2-mid-config.json";

    private MidModel() {}

    static Blip2Config config() {
        try (InputStream in = MidModel.class.getResourceAsStream(CONFIG_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + CONFIG_RESOURCE);
            }
            return Blip2Config.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Blip2Model create(DataType dtype) {
        return Blip2Model.random(config(), 20240601L, dtype, Device.cpu());
    }

    /** Normalised-looking random pixels {@code (batch, 3, 224, 224)} in {@code manager}. */
    static NDArray pixels(NDManager manager, int batch, DataType dtype) {
        Random r = new Random(batch);
        float[] v = new float[batch * 3 * 224 * 224];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return manager.create(v, new Shape(batch, 3, 224, 224)).toType(dtype, false);
    }

    /**
     * Exactly {@code newTokens} new tokens, no prompt, as the Hugging Face reference run: no eos
     * stops a row early.
     */
    static GenerationConfig decoding(int beams, int newTokens) {
        return GenerationConfig.builder().numBeams(beams).maxNewTokens(newTokens).minNewTokens(newTokens)
                .padTokenId(0).decoderStartTokenId(0).eosTokenIds(1).build();
    }
}
