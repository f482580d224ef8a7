package io.github.blip2j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.blip2j.core.model.IntraOpThreads;
import io.github.blip2j.core.model.TinyT5Fixture;
import io.github.blip2j.decoding.BeamSearch;
import io.github.blip2j.decoding.DecodingStrategy;
import io.github.blip2j.decoding.GenerationConfig;
import io.github.blip2j.decoding.GenerationResult;
import io.github.blip2j.decoding.NextTokenModel;
import io.github.blip2j.decoding.TokenListener;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs, prompts, text, seeds and lifecycle of the captioner on the tiny fixture model. */
class CaptionerTest {

    private static final Path DIR = TinyT5Fixture.dir();
    private static final Path IMAGE_0 = DIR.resolve("image_0.png");
    private static final Path IMAGE_1 = DIR.resolve("image_1.png");
    private static final JsonNode GENERATE = TinyT5Fixture.expected().get("generate");
    private static Captioner greedy;

    @BeforeAll
    static void load() {
        greedy = Captioner.builder().model(DIR).maxNewTokens(12).build();
    }

    @AfterAll
    static void free() {
        greedy.close();
    }

    private static int[] expectedIds(String caseName, int row) {
        return CaptionerParityTest.newTokens(TinyT5Fixture.longs(GENERATE.get(caseName).get("sequences"))[row]);
    }

    @Test
    void defaultsFollowTheLanguageModelsGenerationConfig() {
        // HF v4.36.2: Blip2 generate() uses the LM's generation config (from text_config), max_length 20.
        try (Captioner c = Captioner.builder().model(DIR).build()) {
            GenerationConfig cfg = c.decoding().config();
            assertThat(cfg.mode()).isEqualTo(io.github.blip2j.decoding.GenerationMode.GREEDY);
            assertThat(cfg.resolvedMaxNewTokens()).isEqualTo(19);
            assertThat(cfg.eosTokenIds()).containsExactly(1);
            assertThat(cfg.padTokenId()).hasValue(0);
            assertThat(cfg.bosTokenId()).hasValue(1);
            assertThat(cfg.decoderStartTokenId()).hasValue(0);
            assertThat(c.batchSize()).isEqualTo(8);
            assertThat(c.prompt()).isNull();
            Caption caption = c.caption(IMAGE_0);
            assertThat(caption.tokenIds().length).isLessThanOrEqualTo(19);
            // The first 12 tokens are those of the recorded 12-token run.
            assertThat(Arrays.copyOf(caption.tokenIds(), 12)).containsExactly(expectedIds("greedy_no_prompt", 0));
        }
    }

    @Test
    void pathBufferedImageAndDjlImageGiveTheSameCaption() throws IOException {
        BufferedImage buffered = ImageIO.read(IMAGE_0.toFile());
        Image djl = ImageFactory.getInstance().fromFile(IMAGE_0);
        Caption fromPath = greedy.caption(IMAGE_0);
        assertThat(fromPath.tokenIds()).containsExactly(expectedIds("greedy_no_prompt", 0));
        for (Caption other : List.of(greedy.caption(buffered), greedy.caption(djl))) {
            assertThat(other.tokenIds()).containsExactly(fromPath.tokenIds());
            assertThat(other.text()).isEqualTo(fromPath.text());
            assertThat(other.score()).isEqualTo(fromPath.score());
        }
        assertThat(greedy.caption(List.of(buffered)).get(0).image()).isSameAs(buffered);
    }

    @Test
    void textIsTheDecodedIdsWithoutSpecialTokens() {
        Caption c = greedy.caption(IMAGE_1);
        int[] ids = expectedIds("greedy_no_prompt", 1);
        assertThat(ids[ids.length - 1]).isEqualTo(1);
        assertThat(c.tokenIds()).containsExactly(ids);
        // The fixture's word-level tokenizer spells id i as "w<i>"; eos (1) is special and skipped.
        String words = Arrays.stream(ids, 0, ids.length - 1).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
        assertThat(c.text()).isEqualTo(words);
        assertThat(c.prompt()).isNull();
    }

    @Test
    void defaultPromptAndPerImagePromptsShareOnePaddedBatch() {
        try (Captioner prompted = Captioner.builder().model(DIR).maxNewTokens(12).prompt("w37 w52 w9 w101 w77").build()) {
            List<Caption> out = prompted.caption(List.of(CaptionRequest.of(IMAGE_0), new CaptionRequest(IMAGE_1, "w64 w15 w88")));
            assertThat(out.get(0).tokenIds()).containsExactly(expectedIds("greedy_prompt", 0));
            assertThat(out.get(1).tokenIds()).containsExactly(expectedIds("greedy_prompt", 1));
            assertThat(out.get(0).prompt()).isEqualTo("w37 w52 w9 w101 w77");
            assertThat(out.get(1).prompt()).isEqualTo("w64 w15 w88");
        }
    }

    @Test
    void promptedAndUnpromptedImagesMixInOneBatch() {
        // An image without a prompt is fed [bos], as generate() does without input_ids.
        List<Caption> out = greedy.caption(List.of(IMAGE_0, new CaptionRequest(IMAGE_1, "w64 w15 w88")));
        assertThat(out.get(0).tokenIds()).containsExactly(expectedIds("greedy_no_prompt", 0));
        assertThat(out.get(1).tokenIds()).containsExactly(expectedIds("greedy_prompt", 1));
    }

    @Test
    void seededSamplingIsReproducibleAndIndependentOfTheBatchSize() {
        List<Object> inputs = List.of(IMAGE_0, IMAGE_1, IMAGE_0, IMAGE_1, IMAGE_0);
        List<Caption> batched;
        List<Caption> single;
        List<Caption> again;
        try (Captioner a = Captioner.builder().model(DIR).topK(0).temperature(1.5).maxNewTokens(10).seed(42)
                .numReturnSequences(2).batchSize(5).build();
                Captioner b = Captioner.builder().model(DIR).topK(0).temperature(1.5).maxNewTokens(10).seed(42)
                        .numReturnSequences(2).batchSize(1).build()) {
            assertThat(a.decoding().config().doSample()).isTrue();
            batched = a.caption(inputs);
            single = b.caption(inputs);
            again = a.caption(inputs);
        }
        assertThat(batched).hasSize(10);
        for (int i = 0; i < batched.size(); i++) {
            assertThat(single.get(i).tokenIds()).as("caption %d", i).containsExactly(batched.get(i).tokenIds());
            assertThat(again.get(i).tokenIds()).as("caption %d", i).containsExactly(batched.get(i).tokenIds());
            assertThat(batched.get(i).index()).isEqualTo(i / 2);
            assertThat(batched.get(i).sequence()).isEqualTo(i % 2);
        }
        // Positions 0, 2 and 4 hold the same image but get their own draws.
        assertThat(batched.get(0).tokenIds()).isNotEqualTo(batched.get(4).tokenIds());
    }

    @Test
    void decodingStrategyFromBlip2DecodingGetsTheModelsTokenIds() {
        DecodingStrategy beam = BeamSearch.builder().numBeams(3).build();
        try (Captioner c = Captioner.builder().model(DIR).decoding(beam).maxNewTokens(12).build()) {
            GenerationConfig cfg = c.decoding().config();
            assertThat(cfg.eosTokenIds()).containsExactly(1);
            assertThat(cfg.padTokenId()).hasValue(0);
            assertThat(cfg.decoderStartTokenId()).hasValue(0);
            List<Caption> out = c.caption(List.of(IMAGE_0, IMAGE_1));
            assertThat(out.get(0).tokenIds()).containsExactly(expectedIds("beam3_no_prompt", 0));
            assertThat(out.get(1).tokenIds()).containsExactly(expectedIds("beam3_no_prompt", 1));
        }
    }

    @Test
    void customStrategyCannotTakeKnobs() {
        DecodingStrategy custom = new DecodingStrategy() {
            @Override
            public GenerationConfig config() {
                return GenerationConfig.defaults();
            }

            @Override
            public GenerationResult generate(NextTokenModel model, int[] lead, long[] seeds, TokenListener l) {
                throw new UnsupportedOperationException();
            }
        };
        assertThatThrownBy(() -> Captioner.builder().model(DIR).decoding(custom).numBeams(2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[numBeams]");
    }

    @Test
    void bfloat16IsComputedAsFloat32InsteadOfKillingTheJvm() {
        try (Captioner c = Captioner.builder().model(DIR).dtype(DataType.BFLOAT16).maxNewTokens(12).build()) {
            assertThat(c.model().dtype()).isEqualTo(DataType.FLOAT32);
            assertThat(c.caption(IMAGE_0).tokenIds()).containsExactly(expectedIds("greedy_no_prompt", 0));
        }
    }

    @Test
    void unreadableAndUnsupportedInputsAreNamed(@TempDir Path tmp) throws IOException {
        Path broken = Files.writeString(tmp.resolve("broken.png"), "not a png");
        assertThatThrownBy(() -> greedy.caption(List.of(IMAGE_0, broken)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("inputs[1]")
                .hasMessageContaining(broken.toString());
        assertThatThrownBy(() -> greedy.caption(List.of("cat.jpg")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputs[0]")
                .hasMessageContaining("String");
    }

    @Test
    void closedCaptionerRefusesWork() {
        Captioner c = Captioner.builder().model(DIR).build();
        c.close();
        c.close();
        assertThatThrownBy(() -> c.caption(IMAGE_0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void givenModelIsNotClosedWithTheCaptioner() {
        Captioner c = Captioner.builder().model(greedy.model()).maxNewTokens(12).build();
        Caption caption = c.caption(IMAGE_0);
        c.close();
        assertThat(caption.text()).isEmpty(); // no tokenizer given
        assertThat(caption.tokenIds()).containsExactly(expectedIds("greedy_no_prompt", 0));
        assertThat(greedy.caption(IMAGE_0).tokenIds()).containsExactly(caption.tokenIds());
    }

    @Test
    void threadCountIsSetOnTheThreadRunningTheModelAndChangesNoResult() throws Exception {
        int before = IntraOpThreads.current();
        int wanted = before == 1 ? 2 : 1;
        try (Captioner c = Captioner.builder().model(greedy.model()).maxNewTokens(12).threads(wanted).build()) {
            Thread worker = new Thread(() -> {
                assertThat(c.caption(IMAGE_0).tokenIds()).containsExactly(expectedIds("greedy_no_prompt", 0));
                assertThat(IntraOpThreads.current()).isEqualTo(wanted);
            });
            AtomicReference<Throwable> failure = new AtomicReference<>();
            worker.setUncaughtExceptionHandler((t, e) -> failure.set(e));
            worker.start();
            worker.join();
            assertThat(failure.get()).isNull();
        }
        assertThat(IntraOpThreads.current()).as("the test thread keeps its count").isEqualTo(before);
    }
}
