package io.github.blip2j.spice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCacheFileTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsCaptionsAndPropositions() {
        Map<String, List<Proposition>> cache = Map.of(
            "a man riding a horse", List.of(Proposition.relation("man", "horse", "ride"), Proposition.object("man")),
            "", List.of(),
            "ünïcödé\ttab", List.of(Proposition.attribute("x", " up")));
        Path file = dir.resolve("sub/cache.bin");
        ParseCacheFile.write(file, cache);
        assertThat(ParseCacheFile.read(file)).isEqualTo(cache);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void missingFileIsAnEmptyCache() {
        assertThat(ParseCacheFile.read(dir.resolve("absent.bin"))).isEmpty();
    }

    @Test
    void fileOfAnotherVersionIsIgnored() throws IOException {
        Path file = dir.resolve("old.bin");
        try (var out = new java.io.DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
            byte[] header = "blip2-spice parse cache 0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(header.length);
            out.write(header);
            out.writeInt(1);
        }
        assertThat(ParseCacheFile.read(file)).isEmpty();
    }

    @Test
    void truncatedFileNamesTheFile() {
        Path file = dir.resolve("cut.bin");
        ParseCacheFile.write(file, Map.of("a dog", List.of(Proposition.object("dog"))));
        try {
            byte[] all = Files.readAllBytes(file);
            // Re-compress a prefix of the decompressed content: a valid gzip stream that ends early.
            byte[] raw = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(all)).readAllBytes();
            try (var out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(raw, 0, raw.length - 3);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> ParseCacheFile.read(file))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(file.toString());
    }
}
