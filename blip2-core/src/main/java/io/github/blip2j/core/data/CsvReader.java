package io.github.blip2j.core.data;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the seed's CSV ({@code captions.txt} of the Kaggle Flickr8k download): a header with columns
 * {@code image} and {@code caption} (any order, case-insensitive, other columns ignored), then one
 * caption per row; captions with commas are quoted. A {@code split} column, when present, is used as
 * the row's split label.
 */
final class CsvReader {

    private CsvReader() {
    }

    static CaptionDataset read(Path csvFile, Path imageDir, ReadOptions options) {
        String text;
        try {
            text = Files.readString(csvFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw IoErrors.reading("CSV file", csvFile, e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        long[] lineStarts = lineStarts(text);
        RecordCollector c = new RecordCollector(csvFile, imageDir, options);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Map<String, Integer> header = parser.getHeaderMap();
            int imageCol = column(header, "image", csvFile);
            int captionCol = column(header, "caption", csvFile);
            Integer splitCol = find(header, "split");
            for (CSVRecord rec : parser) {
                long line = lineOf(lineStarts, rec.getCharacterPosition());
                int needed = Math.max(imageCol, captionCol) + 1;
                if (rec.size() < needed) {
                    c.malformed(line, "expected at least " + needed + " columns (image, caption), got " + rec.size()
                            + ": " + IoErrors.excerpt(String.join(",", rec.values())));
                    continue;
                }
                String image = rec.get(imageCol).trim();
                if (image.isEmpty()) {
                    c.malformed(line, "image column is empty");
                    continue;
                }
                Split split = null;
                if (splitCol != null && rec.size() > splitCol && !rec.get(splitCol).isBlank()) {
                    try {
                        split = Split.fromLabel(rec.get(splitCol));
                    } catch (IllegalArgumentException e) {
                        c.malformed(line, e.getMessage());
                        continue;
                    }
                }
                c.add(line, image, image, rec.get(captionCol), split);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new DatasetException("CSV file " + csvFile + " is not valid CSV: " + e.getMessage(), e);
        }
        return c.finish("CSV file");
    }

    private static int column(Map<String, Integer> header, String name, Path file) {
        Integer i = find(header, name);
        if (i == null) {
            throw new DatasetException("CSV file " + file + ":1: header must have columns 'image' and 'caption', got "
                    + header.keySet());
        }
        return i;
    }

    private static Integer find(Map<String, Integer> header, String name) {
        for (Map.Entry<String, Integer> e : header.entrySet()) {
            if (e.getKey() != null && e.getKey().trim().toLowerCase(Locale.ROOT).equals(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Character offsets where each line starts. */
    private static long[] lineStarts(String text) {
        long[] starts = new long[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean newline = ch == '\n' || (ch == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'));
            if (newline) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    /** The 1-based line a character offset is on. */
    private static long lineOf(long[] starts, long offset) {
        int i = Arrays.binarySearch(starts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }
}
