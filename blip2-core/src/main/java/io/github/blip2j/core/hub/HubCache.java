package io.github.blip2j.core.hub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The on-disk layout of the Hugging Face hub cache, shared with the Python client:
 *
 * <pre>
 * {cache}/models--{org}--{name}/
 *     refs/{revision}                 the commit a branch or tag pointed to when last resolved
 *     blobs/{etag}                    file contents, named by sha256 (LFS) or git blob sha1
 *     blobs/{etag}.incomplete         a download in progress (resumable)
 *     snapshots/{commit}/{file}       relative symlinks into blobs/ (copies where links fail)
 * {cache}/.locks/models--{org}--{name}/{etag}.lock
 * </pre>
 */
final class HubCache {

    private static final Logger LOG = LoggerFactory.getLogger(HubCache.class);
    static final Pattern COMMIT_HASH = Pattern.compile("^[0-9a-f]{40}$");

    private final Path root;

    HubCache(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** {@code models--org--name}, as huggingface_hub names a model repo's folder. */
    Path repoDir(String repoId) {
        return root.resolve("models--" + repoId.replace("/", "--"));
    }

    Path blob(String repoId, String etag) {
        return repoDir(repoId).resolve("blobs").resolve(etag);
    }

    Path incomplete(String repoId, String etag) {
        return repoDir(repoId).resolve("blobs").resolve(etag + ".incomplete");
    }

    /** {@code {cache}/.locks/models--org--name/{etag}.lock}, where huggingface_hub keeps its locks. */
    Path lockFile(String repoId, String etag) {
        return root.resolve(".locks").resolve(repoDir(repoId).getFileName()).resolve(etag + ".lock");
    }

    Path snapshot(String repoId, String commit) {
        return repoDir(repoId).resolve("snapshots").resolve(commit);
    }

    /** The commit a revision names: itself if it is a hash, else what refs/{revision} holds. */
    Optional<String> commitFor(String repoId, String revision) {
        if (COMMIT_HASH.matcher(revision).matches()) {
            return Optional.of(revision);
        }
        Path ref = repoDir(repoId).resolve("refs").resolve(revision);
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        try {
            String commit = Files.readString(ref, StandardCharsets.UTF_8).trim();
            return commit.isEmpty() ? Optional.empty() : Optional.of(commit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ref, e);
        }
    }

    /** Records that {@code revision} points at {@code commit} (atomically; a hash needs no ref). */
    void writeRef(String repoId, String revision, String commit) {
        if (revision.equals(commit)) {
            return;
        }
        Path ref = repoDir(repoId).resolve("refs").resolve(revision);
        try {
            Files.createDirectories(ref.getParent());
            Path tmp = ref.resolveSibling(ref.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.writeString(tmp, commit, StandardCharsets.UTF_8);
            moveAtomically(tmp, ref);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + ref, e);
        }
    }

    /**
     * Makes {@code snapshots/{commit}/{file}} point at {@code blob}: a relative symlink, as the
     * Python client makes, or a copy where the file system refuses links. Replaces atomically.
     */
    void link(String repoId, String commit, String file, Path blob) {
        Path target = snapshot(repoId, commit).resolve(file);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try {
                Files.createSymbolicLink(tmp, target.getParent().relativize(blob));
            } catch (UnsupportedOperationException | IOException e) {
                LOG.debug("symlink refused in {} ({}); copying the blob instead", target.getParent(), e.toString());
                Files.deleteIfExists(tmp);
                Files.copy(blob, tmp);
            }
            moveAtomically(tmp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot place " + file + " into " + target.getParent(), e);
        }
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            Files.delete(to);
            Files.move(from, to);
        }
    }
}
