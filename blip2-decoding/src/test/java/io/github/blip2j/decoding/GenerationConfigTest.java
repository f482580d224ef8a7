package io.github.blip2j.decoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationConfigTest {

    @Test
    void defaultsAreHuggingFaces() {
        GenerationConfig d = GenerationConfig.defaults();
        assertThat(d.maxLength()).isEqualTo(20);
        assertThat(d.resolvedMaxNewTokens()).isEqualTo(19);
        assertThat(d.numBeams()).isEqualTo(1);
        assertThat(d.topK()).isEqualTo(50);
        assertThat(d.topP()).isEqualTo(1.0);
        assertThat(d.temperature()).isEqualTo(1.0);
        assertThat(d.lengthPenalty()).isEqualTo(1.0);
        assertThat(d.earlyStopping()).isEqualTo(EarlyStopping.FALSE);
        assertThat(d.mode()).isEqualTo(GenerationMode.GREEDY);
        assertThat(d.eosTokenIds()).isEmpty();
        assertThat(d.compactFinishedRows()).isTrue();
    }

    @Test
    void readsTheCheckpointsGenerationConfig() throws URISyntaxException {
        Path file = Path.of(getClass().getResource("/blip2-tiny-t5/generation_config.json").toURI());
        GenerationConfig c = GenerationConfig.fromJson(file);
        assertThat(c.bosTokenId()).hasValue(1);
        assertThat(c.decoderStartTokenId()).hasValue(0);
        assertThat(c.eosTokenIds()).containsExactly(1);
        assertThat(c.padTokenId()).hasValue(0);
        assertThat(c.leadingTokenId()).hasValue(0);
        assertThat(c.mode()).isEqualTo(GenerationMode.GREEDY);
    }

    @Test
    void readsEveryKnobWithHfNamesAndTypes() {
        GenerationConfig c = GenerationConfig.fromJson("""
                {"max_new_tokens": 30, "min_new_tokens": 2, "min_length": 3, "num_beams": 6,
                 "num_beam_groups": 3, "diversity_penalty": 0.7, "length_penalty": 1.5,
                 "early_stopping": "never", "num_return_sequences": 2, "temperature": 0.8, "top_k": 0,
                 "top_p": 0.9, "typical_p": 0.95, "min_p": 0.05, "repetition_penalty": 1.3,
                 "no_repeat_ngram_size": 3, "bad_words_ids": [[5], [6, 7]], "suppress_tokens": [8, 9],
                 "eos_token_id": [1, 2], "pad_token_id": 0, "bos_token_id": 1, "decoder_start_token_id": 0,
                 "forced_eos_token_id": 1, "seed": 42, "output_scores": true,
                 "transformers_version": "4.36.2", "_from_model_config": true}""");
        assertThat(c.maxNewTokens()).hasValue(30);
        assertThat(c.minNewTokens()).hasValue(2);
        assertThat(c.minLength()).isEqualTo(3);
        assertThat(c.numBeams()).isEqualTo(6);
        assertThat(c.numBeamGroups()).isEqualTo(3);
        assertThat(c.diversityPenalty()).isEqualTo(0.7);
        assertThat(c.lengthPenalty()).isEqualTo(1.5);
        assertThat(c.earlyStopping()).isEqualTo(EarlyStopping.NEVER);
        assertThat(c.numReturnSequences()).isEqualTo(2);
        assertThat(c.temperature()).isEqualTo(0.8);
        assertThat(c.topK()).isZero();
        assertThat(c.topP()).isEqualTo(0.9);
        assertThat(c.typicalP()).isEqualTo(0.95);
        assertThat(c.minP()).hasValue(0.05);
        assertThat(c.repetitionPenalty()).isEqualTo(1.3);
        assertThat(c.noRepeatNgramSize()).isEqualTo(3);
        assertThat(c.badWordsIds()).containsExactly(new int[] {5}, new int[] {6, 7});
        assertThat(c.suppressTokens()).containsExactly(8, 9);
        assertThat(c.eosTokenIds()).containsExactly(1, 2);
        assertThat(c.forcedEosTokenIds()).containsExactly(1);
        assertThat(c.seed()).hasValue(42L);
        assertThat(c.outputScores()).isTrue();
        assertThat(c.mode()).isEqualTo(GenerationMode.GROUP_BEAM_SEARCH);
        assertThat(c.strategy()).isInstanceOf(GroupBeamSearch.class);
        assertThat(GenerationConfig.fromJson(c.toJson())).isEqualTo(c);
    }

    @Test
    void earlyStoppingAcceptsBooleans() {
        assertThat(GenerationConfig.fromJson("{\"early_stopping\": true}").earlyStopping()).isEqualTo(EarlyStopping.TRUE);
        assertThat(GenerationConfig.fromJson("{\"early_stopping\": false}").earlyStopping())
                .isEqualTo(EarlyStopping.FALSE);
        assertThat(GenerationConfig.fromJson("{\"early_stopping\": null}").earlyStopping())
                .isEqualTo(EarlyStopping.FALSE);
    }

    @Test
    void maxNewTokensWinsOverMaxLength() {
        GenerationConfig c = GenerationConfig.builder().maxLength(50).maxNewTokens(7).build();
        assertThat(c.resolvedMaxNewTokens()).isEqualTo(7);
        assertThat(c.resolvedMaxLength()).isEqualTo(8);
        assertThat(GenerationConfig.builder().maxLength(10).build().resolvedMaxNewTokens()).isEqualTo(9);
    }

    @Test
    void picksTheStrategyLikeHf() {
        assertThat(GenerationConfig.builder().build().strategy()).isInstanceOf(GreedySearch.class);
        assertThat(GenerationConfig.builder().doSample(true).build().strategy()).isInstanceOf(Sampling.class);
        assertThat(GenerationConfig.builder().numBeams(4).build().strategy()).isInstanceOf(BeamSearch.class);
        assertThat(GenerationConfig.builder().numBeams(4).numBeamGroups(2).build().strategy())
                .isInstanceOf(GroupBeamSearch.class);
        GenerationConfig beamSample = GenerationConfig.builder().numBeams(4).doSample(true).build();
        assertThat(beamSample.mode()).isEqualTo(GenerationMode.BEAM_SAMPLE);
        assertThatThrownBy(beamSample::strategy).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do_sample").hasMessageContaining("num_beams = 4");
    }

    @Test
    void validationNamesFieldValueAndRange() {
        assertThatThrownBy(() -> GenerationConfig.builder().topP(1.5).build())
                .hasMessage("top_p (topP) = 1.5: must be in (0, 1]");
        assertThatThrownBy(() -> GenerationConfig.builder().temperature(0).build())
                .hasMessage("temperature (temperature) = 0.0: must be a finite value > 0");
        assertThatThrownBy(() -> GenerationConfig.builder().numBeams(0).build())
                .hasMessage("num_beams (numBeams) = 0: must be >= 1");
        assertThatThrownBy(() -> GenerationConfig.builder().numBeams(6).numBeamGroups(4).build())
                .hasMessageContaining("num_beam_groups (numBeamGroups) = 4: must be in [1, num_beams = 6]");
        assertThatThrownBy(() -> GenerationConfig.builder().numBeams(2).numReturnSequences(3).build())
                .hasMessage("num_return_sequences (numReturnSequences) = 3: must be <= num_beams = 2");
        assertThatThrownBy(() -> GenerationConfig.builder().numReturnSequences(2).build())
                .hasMessageContaining("num_return_sequences (numReturnSequences) = 2: must be 1 for greedy search");
        assertThatThrownBy(() -> GenerationConfig.builder().maxNewTokens(0).build())
                .hasMessage("max_new_tokens (maxNewTokens) = 0: must be >= 1");
        assertThatThrownBy(() -> GenerationConfig.builder().maxLength(1).build())
                .hasMessageContaining("max_length (maxLength) = 1: must be >= 2");
        assertThatThrownBy(() -> GenerationConfig.builder().eosTokenIds(1, -2).build())
                .hasMessage("eos_token_id (eosTokenIds) = [1, -2]: must be token ids >= 0");
        assertThatThrownBy(() -> GenerationConfig.builder().badWordsIds(List.of(new int[0])).build())
                .hasMessageContaining("bad_words_ids");
        assertThatThrownBy(() -> GenerationConfig.builder().minP(1.2).build())
                .hasMessage("min_p (minP) = 1.2: must be in [0, 1]");
        assertThatThrownBy(() -> GenerationConfig.builder().numBeams(4).numBeamGroups(2).doSample(true).build())
                .hasMessageContaining("do_sample (doSample) = true");
    }

    @Test
    void strategyBuildersValidateEagerlyAndKeepTheBaseConfig() {
        GenerationConfig base = GenerationConfig.builder().eosTokenIds(1).padTokenId(0).maxNewTokens(9).build();
        BeamSearch beam = BeamSearch.builder().config(base).numBeams(5).lengthPenalty(0.6)
                .earlyStopping(EarlyStopping.TRUE).numReturnSequences(2).build();
        assertThat(beam.config().numBeams()).isEqualTo(5);
        assertThat(beam.config().maxNewTokens()).hasValue(9);
        assertThat(beam.config().eosTokenIds()).containsExactly(1);
        assertThat(beam.config().mode()).isEqualTo(GenerationMode.BEAM_SEARCH);
        assertThatThrownBy(() -> BeamSearch.builder().numBeams(2).numReturnSequences(4).build())
                .hasMessageContaining("num_return_sequences (numReturnSequences) = 4");
        assertThatThrownBy(() -> Sampling.builder().topK(-1).build()).hasMessageContaining("top_k (topK) = -1");
        assertThatThrownBy(() -> GroupBeamSearch.builder().numBeams(4).numBeamGroups(3).build())
                .hasMessageContaining("num_beam_groups (numBeamGroups) = 3");
        Sampling s = Sampling.builder().config(base).topP(0.9).temperature(0.7).seed(3L).numReturnSequences(2).build();
        assertThat(s.config().mode()).isEqualTo(GenerationMode.SAMPLE);
        assertThat(s.config().topP()).isEqualTo(0.9);
        assertThat(GreedySearch.of(base.toBuilder().numBeams(3).build()).config().mode())
                .isEqualTo(GenerationMode.GREEDY);
        assertThatThrownBy(() -> GreedySearch.of(beam.config()))
                .hasMessageContaining("num_return_sequences (numReturnSequences) = 2: must be 1 for greedy search");
    }

    @Test
    void badJsonNamesTheSourceAndKey(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("generation_config.json");
        Files.writeString(f, "{\"num_beams\": \"five\"}");
        assertThatThrownBy(() -> GenerationConfig.fromJson(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("'num_beams' must be an integer");
        Files.writeString(f, "{\"top_p\": 2}");
        assertThatThrownBy(() -> GenerationConfig.fromJson(f)).hasMessageContaining(f.toString())
                .hasMessageContaining("top_p (topP) = 2.0");
        assertThatThrownBy(() -> GenerationConfig.fromJson("{\"eos_token_id\": [1, \"x\"]}"))
                .hasMessageContaining("'eos_token_id' must be an integer or a list of integers");
        assertThatThrownBy(() -> GenerationConfig.fromJson("[1]")).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> GenerationConfig.fromJson("{")).hasMessageContaining("not valid JSON");
    }

    @Test
    void idsMustFitTheVocabularyAtGenerateTime() {
        GenerationConfig c = GenerationConfig.builder().eosTokenIds(40).maxNewTokens(2).build();
        ToyModel model = new ToyModel(30, ToyModel.bigram(1, 30, 1), 1, false);
        assertThatThrownBy(() -> c.strategy().generate(model, new int[] {0}))
                .hasMessage("eos_token_id contains 40: must be < vocabSize = 30");
        assertThatThrownBy(() -> GenerationConfig.defaults().strategy().generate(model, new int[] {31}))
                .hasMessage("leadingTokens[0] = 31: must be in [0, vocabSize = 30)");
    }
}
