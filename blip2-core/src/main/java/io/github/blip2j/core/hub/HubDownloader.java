package io.github.blip2j.core.hub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of the hub protocol: a HEAD on {@code /{repo}/resolve/{revision}/{file}} gives the
 * commit ({@code X-Repo-Commit}), the content id ({@code X-Linked-Etag} for LFS files, which is
 * their sha256, else {@code ETag}, the git blob sha1) and the size; a GET, following the redirect
 * to the CDN, fetches the bytes into {@code blobs/{etag}.incomplete}, resuming with {@code Range}
 * after an interruption. The finished file is checked against its size and etag before it is
 * moved into place, so the cache never holds a corrupt blob.
 */
final class HubDownloader {

    private static final Logger LOG = LoggerFactory.getLogger(HubDownloader.class);
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    private static final Pattern SHA1 = Pattern.compile("^[0-9a-f]{40}$");
    private static final Pattern CONTENT_RANGE = Pattern.compile("^bytes (\\d+)-\\d+/(\\d+|\\*)$");
    private static final int MAX_REDIRECTS = 10;

    /** What a HEAD told us about one file. */
    record FileMetadata(String file, String commit, String etag, long size, URI location) {}

    private final HttpClient client;
    private final HubSettings settings;
    private final int maxAttempts;

    HubDownloader(HttpClient client, HubSettings settings, int maxAttempts) {
        this.client = client;
        this.settings = settings;
        this.maxAttempts = maxAttempts;
    }

    static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER) // we follow by hand, to drop auth off-host
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    URI resolveUrl(String repoId, String revision, String file) {
        StringBuilder path = new StringBuilder();
        for (String seg : file.split("/")) {
            path.append('/').append(encode(seg));
        }
        return URI.create(settings.endpoint() + "/" + repoId + "/resolve/" + encode(revision) + path);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * HEADs a file. Empty if the file does not exist in the repo (a 404 for the entry); throws for
     * a missing repo or revision, refused access, or a server that is not a hub.
     */
    Optional<FileMetadata> head(String repoId, String revision, String file) {
        URI url = resolveUrl(repoId, revision, file);
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest request = request(current, url).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(60)).build();
            HttpResponse<Void> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                throw new HubException("cannot reach " + current + " (" + e + "). Check the network or HF_ENDPOINT ("
                        + settings.endpoint() + "), or set HF_HUB_OFFLINE=1 and use the cache or a local directory", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HubException("interrupted while contacting " + current, e);
            }
            int status = response.statusCode();
            HttpHeaders h = response.headers();
            String location = h.firstValue("location").orElse(null);
            if (status >= 300 && status < 400 && location != null && location.startsWith("/")) {
                current = current.resolve(location); // renamed repo: follow relative redirects only
                continue;
            }
            if (status == 404) {
                String code = h.firstValue("x-error-code").orElse("EntryNotFound");
                if (code.equals("RepoNotFound") || code.equals("RevisionNotFound")) {
                    throw new HubException(notFound(repoId, revision, code, url));
                }
                return Optional.empty();
            }
            if (status == 401 || status == 403) {
                throw new HubException("access to " + url + " was refused (HTTP " + status + "). The model '" + repoId
                        + "' may not exist, or be private or gated: check the id, accept its terms on the hub,"
                        + " and set HF_TOKEN to an access token" + (settings.token().isPresent() ? " that has access" : ""));
            }
            if (status >= 400) {
                throw new HubException("HEAD " + url + " failed with HTTP " + status);
            }
            String commit = h.firstValue("x-repo-commit").orElse(null);
            String etag = normalizeEtag(h.firstValue("x-linked-etag").orElse(h.firstValue("etag").orElse(null)));
            long size = parseLong(h.firstValue("x-linked-size").orElse(h.firstValue("content-length").orElse("-1")));
            if (commit == null || etag == null) {
                throw new HubException("HEAD " + url + " returned no " + (commit == null ? "X-Repo-Commit" : "ETag")
                        + " header; HF_ENDPOINT (" + settings.endpoint() + ") must be a Hugging Face compatible hub");
            }
            if (!HubCache.COMMIT_HASH.matcher(commit).matches() || etag.contains("/") || etag.contains("..")) {
                throw new HubException("HEAD " + url + " returned a malformed commit '" + commit + "' or etag '" + etag + "'");
            }
            URI download = status >= 300 && status < 400 && location != null ? current.resolve(location) : current;
            return Optional.of(new FileMetadata(file, commit, etag, size, download));
        }
        throw new HubException("too many redirects for " + url);
    }

    private static String notFound(String repoId, String revision, String code, URI url) {
        return code.equals("RepoNotFound")
                ? "model '" + repoId + "' was not found on the hub (" + url + "); check the id, or set HF_TOKEN for a private repo"
                : "revision '" + revision + "' of model '" + repoId + "' was not found (" + url + ")";
    }

    /**
     * Downloads {@code meta} into {@code incomplete}, resuming what is there, verifies it and moves it
     * to {@code blob}. On failure a partial (but so far correct) file is kept for the next resume; a
     * file that fails verification is deleted.
     */
    void download(FileMetadata meta, Path incomplete, Path blob) {
        IOException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                if (fetchOnce(meta, incomplete)) {
                    verifyAndPlace(meta, incomplete, blob);
                    return;
                }
            } catch (IOException e) {
                last = e;
                long have = sizeOrZero(incomplete);
                LOG.warn("download of {} interrupted at {} of {} bytes (attempt {}/{}): {}",
                        meta.file(), have, meta.size(), attempt, maxAttempts, e.toString());
            }
        }
        throw new HubException("could not download " + meta.file() + " from " + meta.location() + " after " + maxAttempts
                + " attempts; " + sizeOrZero(incomplete) + " bytes are kept in " + incomplete
                + " and the next attempt resumes from there", last);
    }

    /** One GET; true when the incomplete file now holds the whole body. */
    private boolean fetchOnce(FileMetadata meta, Path incomplete) throws IOException {
        long have = sizeOrZero(incomplete);
        if (meta.size() >= 0 && have == meta.size() && have > 0) {
            return true;
        }
        if (meta.size() >= 0 && have > meta.size()) {
            Files.delete(incomplete);
            have = 0;
        }
        URI current = meta.location();
        URI origin = URI.create(settings.endpoint());
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder rb = request(current, origin).GET();
            if (have > 0) {
                rb.header("Range", "bytes=" + have + "-");
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HubException("interrupted while downloading " + meta.file(), e);
            }
            int status = response.statusCode();
            try (InputStream body = response.body()) {
                if (status >= 300 && status < 400) {
                    String location = response.headers().firstValue("location").orElse(null);
                    if (location == null) {
                        throw new HubException("GET " + current + " answered HTTP " + status + " without a Location");
                    }
                    current = current.resolve(location);
                    continue;
                }
                if (status == 416) {
                    // The server has nothing past what we hold: either complete or our file is wrong.
                    if (meta.size() >= 0 && have >= meta.size()) {
                        return true;
                    }
                    Files.deleteIfExists(incomplete);
                    throw new IOException("server refused the range from byte " + have + " (HTTP 416); restarting");
                }
                if (status == 401 || status == 403) {
                    throw new HubException("download of " + meta.file() + " from " + current + " was refused (HTTP "
                            + status + "); set HF_TOKEN to an access token with access to the model");
                }
                if (status != 200 && status != 206) {
                    throw new IOException("GET " + current + " failed with HTTP " + status);
                }
                boolean append = false;
                if (status == 206) {
                    Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("content-range").orElse(""));
                    append = m.matches() && Long.parseLong(m.group(1)) == have;
                    if (!append) {
                        Files.deleteIfExists(incomplete);
                        throw new IOException("server answered a different range than bytes=" + have + "-; restarting");
                    }
                } else if (have > 0) {
                    LOG.info("server ignored the resume range for {}; downloading from the start", meta.file());
                }
                if (!append) {
                    have = 0;
                }
                LOG.info("downloading {} ({} bytes{}) from {}", meta.file(), meta.size(),
                        append ? ", resuming at " + have : "", current.getHost());
                copy(body, incomplete, append);
            }
            long got = sizeOrZero(incomplete);
            if (meta.size() >= 0 && got < meta.size()) {
                throw new IOException("connection closed after " + got + " of " + meta.size() + " bytes");
            }
            return true;
        }
        throw new HubException("too many redirects downloading " + meta.file());
    }

    private static void copy(InputStream in, Path file, boolean append) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        }
    }

    private void verifyAndPlace(FileMetadata meta, Path incomplete, Path blob) throws IOException {
        long size = Files.size(incomplete);
        if (meta.size() >= 0 && size != meta.size()) {
            Files.deleteIfExists(incomplete);
            throw new HubException("downloaded " + meta.file() + " has " + size + " bytes but the hub announced "
                    + meta.size() + "; the download was deleted, retry");
        }
        String expected = meta.etag();
        String actual = null;
        String kind = null;
        if (SHA256.matcher(expected).matches()) {
            kind = "sha256";
            actual = digest(incomplete, "SHA-256", null);
        } else if (SHA1.matcher(expected).matches()) {
            kind = "git blob sha1";
            actual = digest(incomplete, "SHA-1", ("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
        } else {
            LOG.debug("etag {} of {} is not a content hash; size check only", expected, meta.file());
        }
        if (actual != null && !actual.equals(expected)) {
            Files.deleteIfExists(incomplete);
            throw new HubException("checksum mismatch for " + meta.file() + " from " + meta.location() + ": expected "
                    + kind + " " + expected + ", got " + actual + "; the corrupt download was deleted, retry");
        }
        HubCache.moveAtomically(incomplete, blob);
    }

    static String digest(Path file, String algorithm, byte[] prefix) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (prefix != null) {
            md.update(prefix);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private HttpRequest.Builder request(URI url, URI origin) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url)
                .header("Accept-Encoding", "identity")
                .header("User-Agent", "blip2j; java/" + System.getProperty("java.version"));
        // The token goes to the hub only, never to the CDN a download is redirected to.
        if (settings.token().isPresent() && sameHost(url, origin)) {
            b.header("Authorization", "Bearer " + settings.token().get());
        }
        return b;
    }

    private static boolean sameHost(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }

    static String normalizeEtag(String etag) {
        if (etag == null) {
            return null;
        }
        String e = etag.trim();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        e = e.replace("\"", "").trim();
        return e.isEmpty() ? null : e.toLowerCase(Locale.ROOT).matches("^[0-9a-f]+$") ? e.toLowerCase(Locale.ROOT) : e;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static long sizeOrZero(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
