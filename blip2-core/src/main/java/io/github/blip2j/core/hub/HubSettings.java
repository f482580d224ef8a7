package io.github.blip2j.core.hub;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The environment variables {@code huggingface_hub} honours, read through an injectable lookup so
 * tests need not touch the real environment.
 *
 * @param cacheDir the hub cache root ({@code $HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else
 *     {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub})
 * @param endpoint {@code $HF_ENDPOINT} without a trailing slash, default {@code https://huggingface.co}
 * @param offline {@code HF_HUB_OFFLINE} (or {@code TRANSFORMERS_OFFLINE}) is 1/true/yes/on
 * @param token {@code $HF_TOKEN} (or the legacy {@code $HUGGING_FACE_HUB_TOKEN}), if set
 */
public record HubSettings(Path cacheDir, String endpoint, boolean offline, Optional<String> token) {

    /** The public hub. */
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

    /** Reads the settings from {@code env} (e.g. {@code System::getenv}). */
    public static HubSettings fromEnvironment(Function<String, String> env) {
        Path cache;
        String hubCache = first(env, "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE");
        if (hubCache != null) {
            cache = expand(hubCache, env);
        } else {
            String home = env.apply("HF_HOME");
            if (home == null || home.isBlank()) {
                String xdg = env.apply("XDG_CACHE_HOME");
                Path base = xdg != null && !xdg.isBlank()
                        ? expand(xdg, env)
                        : userHome(env).resolve(".cache");
                cache = base.resolve("huggingface").resolve("hub");
            } else {
                cache = expand(home, env).resolve("hub");
            }
        }
        String endpoint = env.apply("HF_ENDPOINT");
        if (endpoint == null || endpoint.isBlank()) {
            endpoint = DEFAULT_ENDPOINT;
        }
        while (endpoint.endsWith("/")) {
            endpoint = endpoint.substring(0, endpoint.length() - 1);
        }
        boolean offline = truthy(env.apply("HF_HUB_OFFLINE")) || truthy(env.apply("TRANSFORMERS_OFFLINE"));
        String token = first(env, "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN");
        return new HubSettings(cache, endpoint, offline, Optional.ofNullable(token));
    }

    /** Settings from the process environment. */
    public static HubSettings fromSystemEnvironment() {
        return fromEnvironment(System::getenv);
    }

    /** A copy with {@code offline} replaced. */
    public HubSettings withOffline(boolean value) {
        return new HubSettings(cacheDir, endpoint, value, token);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "HubSettings{cacheDir=" + cacheDir + ", endpoint=" + endpoint + ", offline=" + offline
                + ", token=" + (token.isPresent() ? "<set>" : "<none>") + "}";
    }

    private static String first(Function<String, String> env, String... names) {
        for (String n : names) {
            String v = env.apply(n);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    static boolean truthy(String v) {
        if (v == null) {
            return false;
        }
        String s = v.trim().toUpperCase(Locale.ROOT);
        return s.equals("1") || s.equals("ON") || s.equals("YES") || s.equals("TRUE");
    }

    private static Path userHome(Function<String, String> env) {
        String home = env.apply("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
    }

    private static Path expand(String p, Function<String, String> env) {
        if (p.equals("~") || p.startsWith("~/")) {
            return userHome(env).resolve(p.equals("~") ? "" : p.substring(2));
        }
        return Path.of(p);
    }
}
