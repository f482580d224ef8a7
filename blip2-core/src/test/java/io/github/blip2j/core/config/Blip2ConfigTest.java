package io.github.blip2j.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Blip2ConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path fixture(String file) throws Exception {
        return Path.of(Blip2ConfigTest.class.getResource("/blip2-tiny-t5/" + file).toURI());
    }

    private static JsonNode resolved() throws Exception {
        return JSON.readTree(fixture("expected.json").toFile()).get("resolved_config");
    }

    private static void assertMatches(JsonNode expected, Map<String, Object> actual) {
        actual.forEach((key, value) -> {
            JsonNode e = expected.get(key);
            assertThat(e).as("resolved_config has %s", key).isNotNull();
            if (e.isNull()) {
                assertThat(value).as(key).isNull();
            } else if (value instanceof Double d) {
                assertThat(d).as(key).isEqualTo(e.doubleValue());
            } else if (value instanceof Integer i) {
                assertThat(i).as(key).isEqualTo(e.intValue());
            } else if (value instanceof Boolean b) {
                assertThat(b).as(key).isEqualTo(e.booleanValue());
            } else {
                assertThat(String.valueOf(value)).as(key).isEqualTo(e.asText());
            }
        });
    }

    @Test
    void fixtureConfigResolvesToHuggingFaceDefaults() throws Exception {
        Blip2Config c = Blip2Config.load(fixture("config.json"));
        JsonNode r = resolved();

        Map<String, Object> top = new LinkedHashMap<>();
        top.put("num_query_tokens", c.numQueryTokens());
        top.put("use_decoder_only_language_model", c.useDecoderOnlyLanguageModel());
        top.put("tie_word_embeddings", c.tieWordEmbeddings());
        top.put("is_encoder_decoder", c.isEncoderDecoder());
        top.put("initializer_factor", c.initializerFactor());
        top.put("initializer_range", c.initializerRange());
        top.put("torch_dtype", c.torchDtype());
        assertMatches(r, top);

        VisionConfig v = c.vision();
        Map<String, Object> vm = new LinkedHashMap<>();
        vm.put("hidden_size", v.hiddenSize());
        vm.put("intermediate_size", v.intermediateSize());
        vm.put("num_hidden_layers", v.numHiddenLayers());
        vm.put("num_attention_heads", v.numAttentionHeads());
        vm.put("patch_size", v.patchSize());
        vm.put("image_size", v.imageSize());
        vm.put("initializer_range", v.initializerRange());
        vm.put("attention_dropout", v.attentionDropout());
        vm.put("layer_norm_eps", v.layerNormEps());
        vm.put("hidden_act", v.hiddenAct().hfName());
        vm.put("qkv_bias", v.qkvBias());
        assertMatches(r.get("vision_config"), vm);

        QFormerConfig q = c.qformer();
        Map<String, Object> qm = new LinkedHashMap<>();
        qm.put("vocab_size", q.vocabSize());
        qm.put("hidden_size", q.hiddenSize());
        qm.put("num_hidden_layers", q.numHiddenLayers());
        qm.put("num_attention_heads", q.numAttentionHeads());
        qm.put("hidden_act", q.hiddenAct().hfName());
        qm.put("intermediate_size", q.intermediateSize());
        qm.put("hidden_dropout_prob", q.hiddenDropoutProb());
        qm.put("attention_probs_dropout_prob", q.attentionProbsDropoutProb());
        qm.put("max_position_embeddings", q.maxPositionEmbeddings());
        qm.put("initializer_range", q.initializerRange());
        qm.put("layer_norm_eps", q.layerNormEps());
        qm.put("position_embedding_type", q.positionEmbeddingType());
        qm.put("cross_attention_frequency", q.crossAttentionFrequency());
        qm.put("encoder_hidden_size", q.encoderHiddenSize());
        qm.put("pad_token_id", q.padTokenId());
        assertMatches(r.get("qformer_config"), qm);

        T5Config t = c.t5();
        Map<String, Object> tm = new LinkedHashMap<>();
        tm.put("vocab_size", t.vocabSize());
        tm.put("d_model", t.dModel());
        tm.put("d_kv", t.dKv());
        tm.put("d_ff", t.dFf());
        tm.put("num_layers", t.numLayers());
        tm.put("num_decoder_layers", t.numDecoderLayers());
        tm.put("num_heads", t.numHeads());
        tm.put("relative_attention_num_buckets", t.relativeAttentionNumBuckets());
        tm.put("relative_attention_max_distance", t.relativeAttentionMaxDistance());
        tm.put("dropout_rate", t.dropoutRate());
        tm.put("classifier_dropout", t.classifierDropout());
        tm.put("layer_norm_epsilon", t.layerNormEpsilon());
        tm.put("initializer_factor", t.initializerFactor());
        tm.put("feed_forward_proj", t.feedForwardProj());
        tm.put("use_cache", t.useCache());
        tm.put("dense_act_fn", t.denseActFn().hfName());
        tm.put("is_gated_act", t.isGatedAct());
        tm.put("tie_word_embeddings", t.tieWordEmbeddings());
        tm.put("is_encoder_decoder", t.isEncoderDecoder());
        tm.put("bos_token_id", t.bosTokenId());
        tm.put("pad_token_id", t.padTokenId());
        tm.put("eos_token_id", t.eosTokenId());
        tm.put("decoder_start_token_id", t.decoderStartTokenId());
        tm.put("model_type", t.modelType());
        assertMatches(r.get("text_config"), tm);
    }

    @Test
    void emptyConfigGivesHuggingFaceDefaults() {
        Blip2Config c = Blip2Config.fromJson("{}");
        assertThat(c.numQueryTokens()).isEqualTo(32);
        assertThat(c.useDecoderOnlyLanguageModel()).isTrue();
        assertThat(c.qformer().crossAttentionFrequency()).isEqualTo(2);
        assertThat(c.qformer().layerNormEps()).isEqualTo(1e-12);
        assertThat(c.qformer().encoderHiddenSize()).isEqualTo(1408);
        assertThat(c.vision().layerNormEps()).isEqualTo(1e-6);
        OptConfig o = c.opt();
        assertThat(o.bosTokenId()).isEqualTo(2);
        assertThat(o.padTokenId()).isEqualTo(1);
        assertThat(o.eosTokenId()).isEqualTo(2);
        assertThat(o.doLayerNormBefore()).isTrue();
        assertThat(o.activationFunction()).isEqualTo(Activation.RELU);
        assertThat(o.wordEmbedProjDim()).isEqualTo(o.hiddenSize());
        assertThat(o.tieWordEmbeddings()).isTrue();
        assertThat(o.hasFinalLayerNorm()).isTrue();
    }

    @Test
    void stockT5DefaultsHaveNoBosAndGatedGeluMeansTanh() {
        Blip2Config c = Blip2Config.fromJson("{\"text_config\":{\"model_type\":\"t5\",\"feed_forward_proj\":\"gated-gelu\"}}");
        T5Config t = c.t5();
        assertThat(t.bosTokenId()).isNull();
        assertThat(t.decoderStartTokenId()).isNull();
        assertThat(t.denseActFn()).isEqualTo(Activation.GELU_TANH);
        assertThat(t.isGatedAct()).isTrue();
        assertThat(t.tieWordEmbeddings()).isTrue();
        assertThat(t.relativeAttentionNumBuckets()).isEqualTo(32);
        assertThat(t.relativeAttentionMaxDistance()).isEqualTo(128);
        assertThat(t.numDecoderLayers()).isEqualTo(t.numLayers());
        assertThat(c.useDecoderOnlyLanguageModel()).isFalse();
        assertThat(c.isEncoderDecoder()).isTrue();
    }

    @Test
    void unknownOrUnsupportedValuesNameTheKey() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(fixture("config.json").toFile());
        ((ObjectNode) root.get("text_config")).put("model_type", "llama");
        assertThatThrownBy(() -> Blip2Config.fromJson(root))
                .isInstanceOf(ConfigException.class).hasMessageContaining("text_config.model_type")
                .hasMessageContaining("llama");

        assertThatThrownBy(() -> Blip2Config.fromJson("{\"model_type\":\"instructblip\"}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("model_type");
        assertThatThrownBy(() -> Blip2Config.fromJson("{\"vision_config\":{\"hidden_act\":\"mish\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("vision_config.hidden_act");
        assertThatThrownBy(() -> Blip2Config.fromJson(
                "{\"text_config\":{\"model_type\":\"t5\",\"feed_forward_proj\":\"gated-gelu-x\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("text_config.feed_forward_proj");
        assertThatThrownBy(() -> Blip2Config.fromJson("{\"text_config\":{\"word_embed_proj_dim\":512}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("text_config.word_embed_proj_dim");
        assertThatThrownBy(() -> Blip2Config.fromJson("{\"qformer_config\":{\"hidden_size\":\"big\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("qformer_config.hidden_size");
        assertThatThrownBy(() -> Blip2Config.fromJson("{\"num_query_tokens\":0}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("num_query_tokens");
        assertThatThrownBy(() -> Blip2Config.fromJson("{\"vision_config\":{\"hidden_size\":30,\"num_attention_heads\":4}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("vision_config.hidden_size");
    }

    @Test
    void loadNamesTheFileOnError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("config.json");
        java.nio.file.Files.writeString(f, "{\"text_config\":{\"model_type\":\"gpt2\"}}");
        assertThatThrownBy(() -> Blip2Config.load(f)).hasMessageContaining(f.toString())
                .hasMessageContaining("text_config.model_type");
    }
}
