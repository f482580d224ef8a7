package io.github.blip2j.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

class HubSettingsTest {

    private static HubSettings of(Map<String, String> env) {
        return HubSettings.fromEnvironment(env::get);
    }

    @Test
    void cacheDirFollowsTheHubClientsPrecedence() {
        assertThat(of(Map.of("HOME", "/h")).cacheDir()).isEqualTo(Path.of("/h/.cache/huggingface/hub"));
        assertThat(of(Map.of("HOME", "/h", "XDG_CACHE_HOME", "/x")).cacheDir()).isEqualTo(Path.of("/x/huggingface/hub"));
        assertThat(of(Map.of("HOME", "/h", "HF_HOME", "/hf")).cacheDir()).isEqualTo(Path.of("/hf/hub"));
        assertThat(of(Map.of("HF_HOME", "/hf", "HF_HUB_CACHE", "/c")).cacheDir()).isEqualTo(Path.of("/c"));
        assertThat(of(Map.of("HOME", "/h", "HF_HOME", "~/hf")).cacheDir()).isEqualTo(Path.of("/h/hf/hub"));
    }

    @Test
    void endpointOfflineAndToken() {
        HubSettings d = of(Map.of("HOME", "/h"));
        assertThat(d.endpoint()).isEqualTo("https://huggingface.co");
        assertThat(d.offline()).isFalse();
        assertThat(d.token()).isEmpty();
        HubSettings s = of(Map.of("HF_ENDPOINT", "http://mirror:8080//", "HF_HUB_OFFLINE", "true", "HF_TOKEN", "hf_abc"));
        assertThat(s.endpoint()).isEqualTo("http://mirror:8080");
        assertThat(s.offline()).isTrue();
        assertThat(s.token()).contains("hf_abc");
        assertThat(s.toString()).doesNotContain("hf_abc");
        assertThat(of(Map.of("HF_HUB_OFFLINE", "0")).offline()).isFalse();
        assertThat(of(Map.of("TRANSFORMERS_OFFLINE", "1")).offline()).isTrue();
    }
}
