package io.github.blip2j.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.blip2j.core.io.SafetensorsReader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Download, cache and offline behaviour against a local hub serving the fixture files. */
class ModelResolverTest {

    static final String REPO = "test-org/tiny-t5";
    static final String[] FILES = {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
        "preprocessor_config.json", "generation_config.json"};

    @TempDir Path tmp;
    FakeHub hub;
    Path cache;

    static Path fixture() {
        try {
            return Path.of(ModelResolverTest.class.getResource("/blip2-tiny-t5/config.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void start() throws Exception {
        hub = new FakeHub(REPO);
        hub.putAll(fixture(), FILES);
        cache = tmp.resolve("hf-home").resolve("hub");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HF_HOME", tmp.resolve("hf-home").toString());
        env.put("HF_ENDPOINT", hub.endpoint() + "/");
        return env;
    }

    private ModelResolver resolver(Map<String, String> env) {
        return ModelResolver.builder().env(env::get).build();
    }

    private Path repoDir() {
        return cache.resolve("models--test-org--tiny-t5");
    }

    @Test
    void aLocalDirectoryIsUsedAsIs() throws Exception {
        assertThat(resolver(env()).resolve(fixture().toString())).isEqualTo(fixture());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> resolver(env()).resolve(empty.toString()))
                .isInstanceOf(HubException.class).hasMessageContaining("config.json");
        assertThat(hub.requests).isEmpty();
    }

    @Test
    void downloadsIntoTheHuggingFaceCacheLayout() throws Exception {
        Path dir = resolver(env()).resolve(REPO);

        assertThat(dir).isEqualTo(repoDir().resolve("snapshots").resolve(FakeHub.COMMIT));
        assertThat(Files.readString(repoDir().resolve("refs/main"))).isEqualTo(FakeHub.COMMIT);
        for (String f : FILES) {
            assertThat(Files.readAllBytes(dir.resolve(f))).as(f).isEqualTo(hub.content(f));
        }
        String sha256 = FakeHub.hex("SHA-256", null, hub.content("model.safetensors"));
        String gitSha = FakeHub.gitSha1(hub.content("config.json"));
        assertThat(repoDir().resolve("blobs").resolve(sha256)).isRegularFile();
        assertThat(repoDir().resolve("blobs").resolve(gitSha)).isRegularFile();
        if (Files.isSymbolicLink(dir.resolve("model.safetensors"))) {
            assertThat(Files.readSymbolicLink(dir.resolve("model.safetensors")).toString())
                    .isEqualTo(Path.of("..", "..", "blobs", sha256).toString());
        }
        assertThat(dir.resolve("special_tokens_map.json")).doesNotExist();
        try (Stream<Path> blobs = Files.list(repoDir().resolve("blobs"))) {
            assertThat(blobs.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".incomplete"));
        }
        try (SafetensorsReader r = SafetensorsReader.open(dir)) {
            assertThat(r.names()).hasSize(139);
        }
        // The weights came through the "CDN" redirect, like LFS files on the real hub.
        assertThat(hub.count("GET", "/cdn/")).isEqualTo(1);
    }

    @Test
    void aCachedModelResolvesWithoutAnyRequest() {
        Path first = resolver(env()).resolve(REPO);
        hub.requests.clear();
        hub.close();
        assertThat(resolver(env()).resolve(REPO)).isEqualTo(first);
        Map<String, String> offline = env();
        offline.put("HF_HUB_OFFLINE", "1");
        assertThat(resolver(offline).resolve(REPO)).isEqualTo(first);
        assertThat(ModelResolver.builder().env(env()::get).revision(FakeHub.COMMIT).build().resolve(REPO)).isEqualTo(first);
        assertThat(hub.requests).isEmpty();
    }

    @Test
    void offlineModeForbidsTheNetworkAndSaysWhatToDo() {
        Map<String, String> env = env();
        env.put("HF_HUB_OFFLINE", "1");
        assertThatThrownBy(() -> resolver(env).resolve(REPO))
                .isInstanceOf(HubException.class)
                .hasMessageContaining(REPO)
                .hasMessageContaining("HF_HUB_OFFLINE=1")
                .hasMessageContaining("huggingface-cli download")
                .hasMessageContaining("local model directory");
        assertThat(hub.requests).isEmpty();
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequest() throws Exception {
        hub.interruptNextDownload("model.safetensors", 100_000);
        Path dir = resolver(env()).resolve(REPO);
        assertThat(Files.readAllBytes(dir.resolve("model.safetensors"))).isEqualTo(hub.content("model.safetensors"));
        // How much of the 100,000 written bytes arrived before the reset depends on socket buffering.
        assertThat(hub.requests).anyMatch(r -> r.path().startsWith("/cdn/") && r.range() != null
                && r.range().matches("bytes=[1-9][0-9]*-") && Long.parseLong(r.range().replaceAll("\\D", "")) <= 100_000);
    }

    @Test
    void aDownloadInterruptedInOneRunResumesInTheNext() throws Exception {
        hub.interruptNextDownload("model.safetensors", 123_456);
        ModelResolver once = ModelResolver.builder().env(env()::get).maxAttempts(1).build();
        assertThatThrownBy(() -> once.resolve(REPO))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("model.safetensors")
                .hasMessageContaining("resumes");
        String sha256 = FakeHub.hex("SHA-256", null, hub.content("model.safetensors"));
        Path partial = repoDir().resolve("blobs").resolve(sha256 + ".incomplete");
        // The server drops the connection after writing 123,456 bytes; how many of them reach the client
        // before the reset depends on socket buffering, so only bound it.
        long kept = Files.size(partial);
        assertThat(kept).isPositive().isLessThanOrEqualTo(123_456);
        assertThat(repoDir().resolve("refs/main")).doesNotExist();

        Path dir = resolver(env()).resolve(REPO);
        assertThat(Files.readAllBytes(dir.resolve("model.safetensors"))).isEqualTo(hub.content("model.safetensors"));
        assertThat(hub.requests).anyMatch(r -> ("bytes=" + kept + "-").equals(r.range()));
        assertThat(partial).doesNotExist();
    }

    @Test
    void aChecksumMismatchFailsAndLeavesNoCorruptFile() throws Exception {
        hub.corrupt("model.safetensors", true);
        assertThatThrownBy(() -> resolver(env()).resolve(REPO))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("model.safetensors");
        String sha256 = FakeHub.hex("SHA-256", null, hub.content("model.safetensors"));
        assertThat(repoDir().resolve("blobs").resolve(sha256)).doesNotExist();
        assertThat(repoDir().resolve("blobs").resolve(sha256 + ".incomplete")).doesNotExist();
        Path snapshot = repoDir().resolve("snapshots").resolve(FakeHub.COMMIT);
        assertThat(snapshot.resolve("model.safetensors")).doesNotExist();
        assertThat(ModelResolver.isComplete(snapshot)).isFalse();

        hub.corrupt("model.safetensors", false);
        Path dir = resolver(env()).resolve(REPO);
        assertThat(Files.readAllBytes(dir.resolve("model.safetensors"))).isEqualTo(hub.content("model.safetensors"));
    }

    @Test
    void theTokenGoesToTheHubButNotToTheCdn() {
        hub.requiredToken = "secret-token";
        assertThatThrownBy(() -> resolver(env()).resolve(REPO))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("HF_TOKEN")
                .hasMessageNotContaining("secret-token");
        Map<String, String> env = env();
        env.put("HF_TOKEN", "secret-token");
        ModelResolver withToken = resolver(env);
        assertThat(withToken.settings().toString()).doesNotContain("secret-token");
        withToken.resolve(REPO);
        assertThat(hub.requests).filteredOn(r -> r.path().contains("/resolve/") && r.authorization() != null)
                .isNotEmpty()
                .allMatch(r -> r.authorization().equals("Bearer secret-token"));
        assertThat(hub.requests).filteredOn(r -> r.path().startsWith("/cdn/")).isNotEmpty()
                .allMatch(r -> r.authorization() == null);
    }

    @Test
    void unknownModelsAndMissingWeightsAreReportedClearly() throws Exception {
        assertThatThrownBy(() -> resolver(env()).resolve("nobody/nothing"))
                .isInstanceOf(HubException.class).hasMessageContaining("nobody/nothing").hasMessageContaining("not found");
        FakeHub noWeights = new FakeHub("a/b");
        try (noWeights) {
            noWeights.putAll(fixture(), "config.json");
            Map<String, String> env = env();
            env.put("HF_ENDPOINT", noWeights.endpoint());
            assertThatThrownBy(() -> resolver(env).resolve("a/b"))
                    .isInstanceOf(HubException.class).hasMessageContaining("model.safetensors.index.json");
        }
        assertThatThrownBy(() -> resolver(env()).resolve("../../etc"))
                .isInstanceOf(HubException.class).hasMessageContaining("neither an existing directory");
    }

    @Test
    void shardedCheckpointsDownloadTheIndexAndEveryShard() throws Exception {
        FakeHub sharded = new FakeHub("org/sharded");
        try (sharded) {
            Path src = ShardedFixture.write(tmp.resolve("src"));
            sharded.putAll(src, "config.json", "model.safetensors.index.json",
                    "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors");
            Map<String, String> env = env();
            env.put("HF_ENDPOINT", sharded.endpoint());
            Path dir = resolver(env).resolve("org/sharded");
            assertThat(ModelResolver.isComplete(dir)).isTrue();
            try (SafetensorsReader r = SafetensorsReader.open(dir)) {
                assertThat(r.files()).hasSize(2);
                assertThat(r.names()).hasSize(139);
            }
        }
    }
}
