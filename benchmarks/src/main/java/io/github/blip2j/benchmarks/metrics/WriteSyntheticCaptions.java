package io.github.blip2j.benchmarks.metrics;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes the {@link EvaluationBenchmark} corpus as COCO files, for timing {@code blip2 eval} end
 * to end: {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.blip2j.benchmarks.metrics.WriteSyntheticCaptions DIR [IMAGES]} writes
 * {@code DIR/annotations.json} and {@code DIR/results.json}.
 */
public final class WriteSyntheticCaptions {

    private WriteSyntheticCaptions() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: WriteSyntheticCaptions DIR [IMAGES]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        Files.createDirectories(dir);
        List<SyntheticCaptions.Image> set = new SyntheticCaptions(20240611L).images(images, 5);
        StringBuilder annotations = new StringBuilder("{\"images\": [");
        for (int i = 0; i < set.size(); i++) {
            annotations.append(i == 0 ? "" : ", ").append("{\"id\": ").append(set.get(i).id()).append('}');
        }
        annotations.append("], \"annotations\": [\n");
        int annotationId = 1;
        for (SyntheticCaptions.Image image : set) {
            for (String ref : image.references()) {
                annotations.append(annotationId == 1 ? "" : ",\n").append("{\"image_id\": ").append(image.id())
                        .append(", \"id\": ").append(annotationId++).append(", \"caption\": ");
                quote(annotations, ref);
                annotations.append('}');
            }
        }
        annotations.append("\n]}\n");
        StringBuilder results = new StringBuilder("[\n");
        for (int i = 0; i < set.size(); i++) {
            results.append(i == 0 ? "" : ",\n").append("{\"image_id\": ").append(set.get(i).id()).append(", \"caption\": ");
            quote(results, set.get(i).candidate());
            results.append('}');
        }
        results.append("\n]\n");
        write(dir.resolve("annotations.json"), annotations);
        write(dir.resolve("results.json"), results);
        System.out.println("wrote " + set.size() + " images to " + dir);
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static void write(Path file, CharSequence text) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.append(text);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
