package io.github.blip2j.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.DataType;
import io.github.blip2j.core.hub.HubException;
import io.github.blip2j.core.hub.ModelResolver;
import io.github.blip2j.core.image.BlipImageProcessor;
import io.github.blip2j.core.model.TinyT5Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eager validation: each message names the field, the value and the allowed range. */
class CaptionerBuilderTest {

    private static final Path DIR = TinyT5Fixture.dir();

    @Test
    void settersRejectOutOfRangeValuesAtOnce() {
        assertThatThrownBy(() -> Captioner.builder().numBeams(0)).hasMessageContaining("numBeams = 0")
                .hasMessageContaining(">= 1");
        assertThatThrownBy(() -> Captioner.builder().topP(1.5)).hasMessageContaining("topP = 1.5")
                .hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> Captioner.builder().topK(-1)).hasMessageContaining("topK = -1");
        assertThatThrownBy(() -> Captioner.builder().temperature(0)).hasMessageContaining("temperature = 0.0")
                .hasMessageContaining("> 0");
        assertThatThrownBy(() -> Captioner.builder().repetitionPenalty(Double.NaN))
                .hasMessageContaining("repetitionPenalty = NaN");
        assertThatThrownBy(() -> Captioner.builder().lengthPenalty(Double.POSITIVE_INFINITY))
                .hasMessageContaining("lengthPenalty = Infinity");
        assertThatThrownBy(() -> Captioner.builder().noRepeatNgramSize(-2)).hasMessageContaining("noRepeatNgramSize = -2");
        assertThatThrownBy(() -> Captioner.builder().minNewTokens(-1)).hasMessageContaining("minNewTokens = -1");
        assertThatThrownBy(() -> Captioner.builder().maxNewTokens(0)).hasMessageContaining("maxNewTokens = 0");
        assertThatThrownBy(() -> Captioner.builder().numReturnSequences(0)).hasMessageContaining("numReturnSequences = 0");
        assertThatThrownBy(() -> Captioner.builder().batchSize(0)).hasMessageContaining("batchSize = 0")
                .hasMessageContaining(">= 1");
        assertThatThrownBy(() -> Captioner.builder().dtype(DataType.INT32)).hasMessageContaining("dtype = int32")
                .hasMessageContaining("FLOAT16");
        assertThatThrownBy(() -> Captioner.builder().model("  ")).hasMessageContaining("model = '  '");
        assertThatThrownBy(() -> Captioner.builder().threads(0)).hasMessageContaining("threads = 0")
                .hasMessageContaining("1..1024");
    }

    @Test
    void combinationsFailInBuildBeforeAnyModelIsLoaded() {
        // No model is set, so reaching the resolver would fail differently: these fail first.
        assertThatThrownBy(() -> Captioner.builder().minNewTokens(10).maxNewTokens(5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minNewTokens = 10")
                .hasMessageContaining("<= maxNewTokens = 5");
        assertThatThrownBy(() -> Captioner.builder().numReturnSequences(2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numReturnSequences")
                .hasMessageContaining("= 2").hasMessageContaining("greedy");
        assertThatThrownBy(() -> Captioner.builder().numBeams(2).numReturnSequences(3).build())
                .hasMessageContaining("numReturnSequences").hasMessageContaining("<= num_beams = 2");
        assertThatThrownBy(() -> Captioner.builder().numBeams(3).topK(5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numBeams = 3")
                .hasMessageContaining("beam-sample");
    }

    @Test
    void defaultModelOfflineSaysWhatToDo(@TempDir Path home) {
        ModelResolver offline = ModelResolver.builder()
                .env(Map.of("HF_HOME", home.toString(), "HF_HUB_OFFLINE", "1")::get).build();
        assertThatThrownBy(() -> Captioner.builder().topP(0.9).modelResolver(offline).build())
                .isInstanceOf(HubException.class)
                .hasMessageContaining(Captioner.DEFAULT_MODEL)
                .hasMessageContaining("HF_HUB_OFFLINE")
                .hasMessageContaining(home.toString())
                .hasMessageContaining(".model(");
    }

    @Test
    void modelDirectoryWithoutTokenizerIsNamed(@TempDir Path tmp) throws IOException {
        for (String f : new String[] {"config.json", "model.safetensors", "preprocessor_config.json"}) {
            Files.copy(DIR.resolve(f), tmp.resolve(f));
        }
        assertThatThrownBy(() -> Captioner.builder().model(tmp).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokenizer.json")
                .hasMessageContaining(tmp.toString());
    }

    @Test
    void imageProcessorMustMatchTheVisionTower() {
        BlipImageProcessor wrong = BlipImageProcessor.builder().size(64, 64).build();
        assertThatThrownBy(() -> Captioner.builder().model(DIR).imageProcessor(wrong).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64x64")
                .hasMessageContaining("image_size 32x32");
    }
}
