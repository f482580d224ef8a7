package io.github.blip2j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.blip2j.core.config.Blip2Config;
import io.github.blip2j.core.image.BlipImageProcessor;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.model.ModelParameter;
import io.github.blip2j.core.text.TextTokenizer;
import io.github.blip2j.examples.demo.data.DemoDataGenerator;
import io.github.blip2j.examples.demo.data.DemoDataset;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written model folder loads with the library's own loaders, like a real checkpoint. */
class DemoModelFactoryTest {

    @TempDir
    static Path tmp;
    static DemoDataset data;
    static Path dir;

    @BeforeAll
    static void write() {
        data = DemoDataGenerator.builder().images(12).imageSize(64).seed(3).build().generate(tmp.resolve("data"));
        dir = new DemoModelFactory(DemoModelSize.QUICK, 5).write(data, tmp.resolve("model"));
    }

    @Test
    void configDescribesABlip2WithAT5OverTheCaptionVocabulary() {
        Blip2Config c = Blip2Config.load(dir.resolve("config.json"));
        assertThat(c.isEncoderDecoder()).isTrue();
        assertThat(c.vision().imageSize()).isEqualTo(DemoModelSize.QUICK.imageSize());
        assertThat(c.numQueryTokens()).isEqualTo(DemoModelSize.QUICK.queryTokens());
        assertThat(c.t5().dModel()).isEqualTo(DemoModelSize.QUICK.textHidden());
        assertThat(c.t5().padTokenId()).isZero();
        assertThat(c.t5().eosTokenId()).isEqualTo(1);
        assertThat(c.t5().decoderStartTokenId()).isZero();
        try (TextTokenizer tok = TextTokenizer.load(dir)) {
            long[] ids = tok.encode(data.scenes().get(0).captions().get(0));
            assertThat(ids[ids.length - 1]).isEqualTo(1);
            assertThat(Arrays.stream(ids).max().getAsLong()).isLessThan(c.t5().vocabSize());
            assertThat(Arrays.stream(ids)).doesNotContain(tok.unkTokenId().orElseThrow());
        }
        assertThat(BlipImageProcessor.fromConfig(dir).height()).isEqualTo(DemoModelSize.QUICK.imageSize());
    }

    @Test
    void weightsLoadAndRunAndT5QueriesAreScaledForItsUnscaledAttention() {
        try (Blip2Model model = Blip2Model.load(dir); NDManager m = model.manager().newSubManager()) {
            int s = DemoModelSize.QUICK.imageSize();
            NDArray pixels = m.randomNormal(new Shape(2, 3, s, s));
            NDArray prefix = model.languageInputs(pixels);
            assertThat(prefix.getShape()).isEqualTo(new Shape(2, DemoModelSize.QUICK.queryTokens(),
                    DemoModelSize.QUICK.textHidden()));
            int dKv = DemoModelSize.QUICK.textHidden() / DemoModelSize.QUICK.textHeads();
            ModelParameter q = model.parameters().get("language_model.encoder.block.0.layer.0.SelfAttention.q.weight");
            ModelParameter k = model.parameters().get("language_model.encoder.block.0.layer.0.SelfAttention.k.weight");
            double ratio = std(q.array()) / std(k.array());
            assertThat(ratio).isCloseTo(1 / Math.sqrt(dKv), org.assertj.core.data.Offset.offset(0.05));
        }
    }

    @Test
    void sameSeedSameWeights() throws Exception {
        Path again = new DemoModelFactory(DemoModelSize.QUICK, 5).write(data, tmp.resolve("model-again"));
        assertThat(java.nio.file.Files.readAllBytes(again.resolve("model.safetensors")))
                .isEqualTo(java.nio.file.Files.readAllBytes(dir.resolve("model.safetensors")));
    }

    private static double std(NDArray a) {
        float[] v = a.toFloatArray();
        double mean = 0;
        for (float x : v) {
            mean += x;
        }
        mean /= v.length;
        double var = 0;
        for (float x : v) {
            var += (x - mean) * (x - mean);
        }
        return Math.sqrt(var / v.length);
    }
}
