package io.github.blip2j.core.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the Hugging Face hub: {@code /{repo}/resolve/{rev}/{file}} with the real
 * headers (X-Repo-Commit, ETag = git blob sha1, and for *.safetensors an LFS-style 302 to a "CDN"
 * on another host name with X-Linked-Etag = sha256), Range support, and switches to interrupt or
 * corrupt a download and to require a token.
 */
final class FakeHub implements AutoCloseable {

    /** One request as the server saw it. */
    record Request(String method, String path, String range, String authorization) {}

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final Pattern RESOLVE = Pattern.compile("^/([^/]+/[^/]+)/resolve/([^/]+)/(.+)$");

    private final HttpServer server;
    private final String repoId;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> sha256ToFile = new ConcurrentHashMap<>();
    private final Map<String, Long> interruptAfter = new ConcurrentHashMap<>();
    private final Map<String, Boolean> corrupt = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile String requiredToken;

    FakeHub(String repoId) throws IOException {
        this.repoId = repoId;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The endpoint to use as HF_ENDPOINT (host 127.0.0.1). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void put(String name, byte[] content) {
        files.put(name, content);
        if (isLfs(name)) {
            sha256ToFile.put(hex("SHA-256", null, content), name);
        }
    }

    void putAll(Path dir, String... names) throws IOException {
        for (String n : names) {
            put(n, Files.readAllBytes(dir.resolve(n)));
        }
    }

    byte[] content(String name) {
        return files.get(name);
    }

    /** The next GET of {@code file} sends only this many bytes, then drops the connection. */
    void interruptNextDownload(String file, long bytes) {
        interruptAfter.put(file, bytes);
    }

    /** Every GET of {@code file} serves altered bytes under the original etag. */
    void corrupt(String file, boolean on) {
        corrupt.put(file, on);
    }

    long count(String method, String pathPart) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().contains(pathPart)).count();
    }

    private static boolean isLfs(String name) {
        return name.endsWith(".safetensors");
    }

    static String hex(String algorithm, byte[] prefix, byte[] content) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            if (prefix != null) {
                md.update(prefix);
            }
            return HexFormat.of().formatHex(md.digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String gitSha1(byte[] content) {
        return hex("SHA-1", ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII), content);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            requests.add(new Request(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Range"),
                    ex.getRequestHeaders().getFirst("Authorization")));
            boolean head = ex.getRequestMethod().equals("HEAD");
            if (path.startsWith("/cdn/")) {
                String name = sha256ToFile.get(path.substring("/cdn/".length()));
                if (name == null) {
                    empty(ex, 404);
                    return;
                }
                serve(ex, name, head);
                return;
            }
            Matcher m = RESOLVE.matcher(path);
            if (!m.matches() || !m.group(1).equals(repoId)) {
                ex.getResponseHeaders().add("X-Error-Code", "RepoNotFound");
                empty(ex, 404);
                return;
            }
            if (requiredToken != null && !("Bearer " + requiredToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                empty(ex, 401);
                return;
            }
            String name = m.group(3);
            byte[] content = files.get(name);
            if (content == null) {
                ex.getResponseHeaders().add("X-Error-Code", "EntryNotFound");
                empty(ex, 404);
                return;
            }
            ex.getResponseHeaders().add("X-Repo-Commit", COMMIT);
            if (isLfs(name)) {
                String sha = hex("SHA-256", null, content);
                ex.getResponseHeaders().add("X-Linked-Etag", "\"" + sha + "\"");
                ex.getResponseHeaders().add("X-Linked-Size", Long.toString(content.length));
                ex.getResponseHeaders().add("ETag", "\"" + gitSha1(("version https://git-lfs " + sha).getBytes(StandardCharsets.UTF_8)) + "\"");
                // Another host name for the same server, as the real CDN is another host.
                ex.getResponseHeaders().add("Location", "http://localhost:" + server.getAddress().getPort() + "/cdn/" + sha);
                empty(ex, 302);
                return;
            }
            ex.getResponseHeaders().add("ETag", "\"" + gitSha1(content) + "\"");
            serve(ex, name, head);
        }
    }

    private void serve(HttpExchange ex, String name, boolean head) throws IOException {
        byte[] content = files.get(name);
        if (Boolean.TRUE.equals(corrupt.get(name))) {
            content = content.clone();
            content[content.length / 2] ^= 0x5a;
        }
        long from = 0;
        String range = ex.getRequestHeaders().getFirst("Range");
        int status = 200;
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            from = Long.parseLong(range.substring(6, range.length() - 1));
            if (from >= content.length) {
                ex.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
                empty(ex, 416);
                return;
            }
            status = 206;
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
        }
        long length = content.length - from;
        if (head) {
            ex.getResponseHeaders().add("Content-Length", Long.toString(length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, length);
        Long cut = interruptAfter.remove(name);
        OutputStream out = ex.getResponseBody();
        if (cut != null) {
            out.write(content, (int) from, (int) Math.min(cut, length));
            out.flush();
            // Drop the connection mid-body, as a network failure would.
            ex.getHttpContext().getServer(); // keep the exchange referenced until here
            throw new IOException("simulated interruption");
        }
        out.write(content, (int) from, (int) length);
    }

    private static void empty(HttpExchange ex, int status) throws IOException {
        ex.sendResponseHeaders(status, -1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
