package io.github.blip2j.core.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns a model id into a local directory, the way {@code huggingface_hub} does.
 *
 * <ol>
 *   <li>An existing directory is used as is (it must hold {@code config.json}).
 *   <li>Else the Hugging Face cache: {@code {cache}/models--org--name/refs/{revision}} names a
 *       commit, and if {@code snapshots/{commit}} holds {@code config.json} and complete safetensors
 *       weights, that directory is returned <em>without any network access</em>.
 *   <li>Else, unless {@code HF_HUB_OFFLINE=1}, the files are downloaded from {@code $HF_ENDPOINT}
 *       into that cache: {@code config.json}, {@code model.safetensors} or {@code
 *       model.safetensors.index.json} plus its shards, and, where the repo has them, {@link
 *       #OPTIONAL_FILES}. Downloads resume after interruptions, are verified against their
 *       sha256 / git sha1 etag and are moved into place atomically; files shared by revisions are
 *       stored once.
 * </ol>
 *
 * <pre>{@code
 * Path dir = ModelResolver.fromEnvironment().resolve("Salesforce/blip2-flan-t5-xl");
 * }</pre>
 *
 * Thread-safe; concurrent downloads of one blob (also across processes) are serialised by a lock file.
 */
public final class ModelResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ModelResolver.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REPO_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9_.-]+)?$");
    private static final Map<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();

    /** The revision used when none is given. */
    public static final String DEFAULT_REVISION = "main";
    /** Always needed. */
    public static final String CONFIG = "config.json";
    /** Single-file weights. */
    public static final String WEIGHTS = "model.safetensors";
    /** Sharded weights index. */
    public static final String WEIGHTS_INDEX = "model.safetensors.index.json";
    /** Fetched when the repo has them; a 404 is fine. */
    public static final List<String> OPTIONAL_FILES = List.of(
            "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
            "preprocessor_config.json", "generation_config.json");

    private final HubSettings settings;
    private final HubCache cache;
    private final HubDownloader downloader;
    private final String revision;

    private ModelResolver(Builder b) {
        this.settings = b.settings;
        this.cache = new HubCache(b.settings.cacheDir());
        this.downloader = new HubDownloader(b.client != null ? b.client : HubDownloader.defaultClient(), b.settings, b.maxAttempts);
        this.revision = b.revision;
    }

    /** A resolver configured from the process environment ({@code HF_HOME}, {@code HF_ENDPOINT}, ...). */
    public static ModelResolver fromEnvironment() {
        return builder().build();
    }

    /** A builder; by default settings come from the process environment. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings in effect (token redacted in {@code toString}). */
    public HubSettings settings() {
        return settings;
    }

    /**
     * Resolves a model id or directory to a local directory holding its files.
     *
     * @param modelIdOrPath a directory, or a hub id such as {@code Salesforce/blip2-flan-t5-xl}
     * @return the directory (the input itself, or a cache snapshot)
     * @throws HubException when the model cannot be found, offline mode forbids the download, the
     *     server refuses, or a download fails verification; the message says what to do
     */
    public Path resolve(String modelIdOrPath) {
        Objects.requireNonNull(modelIdOrPath, "modelIdOrPath");
        Path local = Path.of(modelIdOrPath);
        if (Files.isDirectory(local)) {
            if (!Files.isRegularFile(local.resolve(CONFIG))) {
                throw new HubException("directory " + local.toAbsolutePath() + " has no " + CONFIG
                        + "; a model directory needs config.json and model.safetensors (or its index and shards)");
            }
            return local;
        }
        if (!REPO_ID.matcher(modelIdOrPath).matches() || modelIdOrPath.contains("--") || modelIdOrPath.contains("..")) {
            throw new HubException("'" + modelIdOrPath + "' is neither an existing directory nor a hub model id"
                    + " (org/name, letters, digits, '-', '_', '.')");
        }
        return resolveRepo(modelIdOrPath);
    }

    /** Resolves a directory, as {@link #resolve(String)}. */
    public Path resolve(Path directory) {
        return resolve(directory.toString());
    }

    private Path resolveRepo(String repoId) {
        Optional<String> cachedCommit = cache.commitFor(repoId, revision);
        if (cachedCommit.isPresent()) {
            Path snapshot = cache.snapshot(repoId, cachedCommit.get());
            if (isComplete(snapshot)) {
                LOG.debug("{}@{} found in the cache: {}", repoId, revision, snapshot);
                return snapshot;
            }
        }
        if (settings.offline()) {
            throw new HubException("model '" + repoId + "' (revision " + revision + ") is not complete in the Hugging Face cache "
                    + cache.repoDir(repoId) + " and HF_HUB_OFFLINE=1 forbids downloading it. Download it once with"
                    + " network access (unset HF_HUB_OFFLINE, or run `huggingface-cli download " + repoId + "`),"
                    + " point HF_HOME / HF_HUB_CACHE at a cache that has it, or pass a local model directory.");
        }
        return download(repoId);
    }

    /** config.json plus single-file weights, or an index whose every shard is present. */
    static boolean isComplete(Path snapshot) {
        if (!Files.isRegularFile(snapshot.resolve(CONFIG))) {
            return false;
        }
        if (Files.isRegularFile(snapshot.resolve(WEIGHTS))) {
            return true;
        }
        Path index = snapshot.resolve(WEIGHTS_INDEX);
        if (!Files.isRegularFile(index)) {
            return false;
        }
        try {
            for (String shard : shardsOf(index)) {
                if (!Files.isRegularFile(snapshot.resolve(shard))) {
                    return false;
                }
            }
            return true;
        } catch (HubException e) {
            return false;
        }
    }

    private static Set<String> shardsOf(Path index) {
        JsonNode root;
        try {
            root = JSON.readTree(index.toFile());
        } catch (IOException e) {
            throw new HubException("cannot read weights index " + index + ": " + e.getMessage(), e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject()) {
            throw new HubException(index + " has no \"weight_map\" object");
        }
        Set<String> shards = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            String shard = e.getValue().asText();
            if (shard.isEmpty() || shard.startsWith("/") || shard.contains("..") || shard.contains("\\")) {
                throw new HubException(index + ": shard name '" + shard + "' for '" + e.getKey() + "' is not a plain file name");
            }
            shards.add(shard);
        }
        return shards;
    }

    private Path download(String repoId) {
        HubDownloader.FileMetadata config = downloader.head(repoId, revision, CONFIG).orElseThrow(() -> new HubException(
                "model '" + repoId + "' has no " + CONFIG + " at " + downloader.resolveUrl(repoId, revision, CONFIG)
                        + "; check the model id and revision"));
        String commit = config.commit();
        fetch(repoId, commit, config);
        Optional<HubDownloader.FileMetadata> single = downloader.head(repoId, revision, WEIGHTS);
        if (single.isPresent()) {
            fetch(repoId, commit, single.get());
        } else {
            HubDownloader.FileMetadata index = downloader.head(repoId, revision, WEIGHTS_INDEX).orElseThrow(() -> new HubException(
                    "model '" + repoId + "' has neither " + WEIGHTS + " nor " + WEIGHTS_INDEX + " at revision " + revision
                            + "; only safetensors checkpoints are supported (convert pytorch_model.bin with the"
                            + " safetensors `convert` tool, or pick a repo revision that has safetensors)"));
            Path indexPath = fetch(repoId, commit, index);
            for (String shard : shardsOf(indexPath)) {
                HubDownloader.FileMetadata meta = downloader.head(repoId, revision, shard).orElseThrow(() -> new HubException(
                        "shard " + shard + " listed in " + WEIGHTS_INDEX + " of '" + repoId + "' does not exist on the hub"));
                fetch(repoId, commit, meta);
            }
        }
        List<String> skipped = new ArrayList<>();
        for (String optional : OPTIONAL_FILES) {
            Optional<HubDownloader.FileMetadata> meta = downloader.head(repoId, revision, optional);
            if (meta.isPresent()) {
                fetch(repoId, commit, meta.get());
            } else {
                skipped.add(optional);
            }
        }
        if (!skipped.isEmpty()) {
            LOG.debug("{} has no {}", repoId, skipped);
        }
        cache.writeRef(repoId, revision, commit);
        Path snapshot = cache.snapshot(repoId, commit);
        LOG.info("{}@{} resolved to {}", repoId, revision, snapshot);
        return snapshot;
    }

    /** Makes one file present in the snapshot: reuse its blob, or download it under a lock. */
    private Path fetch(String repoId, String commit, HubDownloader.FileMetadata meta) {
        if (!meta.commit().equals(commit)) {
            LOG.warn("{} of {} is at commit {} but config.json was at {} (the branch moved while resolving);"
                    + " storing it under {}", meta.file(), repoId, meta.commit(), commit, commit);
        }
        Path blob = cache.blob(repoId, meta.etag());
        if (!Files.isRegularFile(blob)) {
            withLock(cache.lockFile(repoId, meta.etag()), () -> {
                if (!Files.isRegularFile(blob)) {
                    downloader.download(meta, cache.incomplete(repoId, meta.etag()), blob);
                }
            });
        }
        cache.link(repoId, commit, meta.file(), blob);
        return cache.snapshot(repoId, commit).resolve(meta.file());
    }

    /** Serialises work on one blob within the JVM and, through a file lock, across processes. */
    private static void withLock(Path lockFile, Runnable action) {
        Object jvmLock = JVM_LOCKS.computeIfAbsent(lockFile.toAbsolutePath(), k -> new Object());
        synchronized (jvmLock) {
            try {
                Files.createDirectories(lockFile.getParent());
                // Lock files stay (as with huggingface_hub): deleting one would let two waiters lock different inodes.
                try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    FileLock lock = ch.lock();
                    try {
                        action.run();
                    } finally {
                        lock.release();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + lockFile, e);
            }
        }
    }

    /** Builder; every setting defaults to the process environment. */
    public static final class Builder {
        private HubSettings settings = HubSettings.fromSystemEnvironment();
        private HttpClient client;
        private String revision = DEFAULT_REVISION;
        private int maxAttempts = 3;

        private Builder() {}

        /** Reads all settings through {@code env} instead of {@link System#getenv(String)}. */
        public Builder env(Function<String, String> env) {
            this.settings = HubSettings.fromEnvironment(Objects.requireNonNull(env, "env"));
            return this;
        }

        /** Uses explicit settings. */
        public Builder settings(HubSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Forces offline mode on or off (overrides HF_HUB_OFFLINE). */
        public Builder offline(boolean offline) {
            this.settings = settings.withOffline(offline);
            return this;
        }

        /** Branch, tag or commit hash; default {@code main}. */
        public Builder revision(String revision) {
            if (revision == null || revision.isBlank() || revision.contains("..")) {
                throw new IllegalArgumentException("revision = '" + revision + "' must be a branch, tag or commit hash");
            }
            this.revision = revision;
            return this;
        }

        /** HTTP attempts per file, resuming after each interruption; 1..20, default 3. */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1 || attempts > 20) {
                throw new IllegalArgumentException("maxAttempts = " + attempts + " is out of range 1..20");
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** The HTTP client (it should not follow redirects itself). */
        public Builder httpClient(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Builds the resolver. */
        public ModelResolver build() {
            return new ModelResolver(this);
        }
    }
}
