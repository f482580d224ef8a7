package io.github.blip2j.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared by the readers: groups caption rows by image (first-appearance order), cleans captions,
 * collects problems with their line numbers, checks images, and applies the {@link BadRowPolicy}.
 */
final class RecordCollector {

    private static final Logger LOG = LoggerFactory.getLogger(RecordCollector.class);

    private static final class Pending {
        final Path path;
        final List<String> captions = new ArrayList<>();
        Split split;
        boolean splitSet;

        Pending(Path path) {
            this.path = path;
        }
    }

    private final Path source;
    private final Path imageDir;
    private final ReadOptions options;
    private final Map<String, Pending> byImage = new LinkedHashMap<>();
    private final List<DatasetProblem> problems = new ArrayList<>();
    private int malformed;

    RecordCollector(Path source, Path imageDir, ReadOptions options) {
        this.source = source;
        this.imageDir = imageDir;
        this.options = options;
    }

    /** Records a malformed row; {@code line} is 1-based. */
    void malformed(long line, String detail) {
        malformed++;
        problems.add(new DatasetProblem(DatasetProblem.Kind.MALFORMED_ROW, source, line, detail));
    }

    /** Adds one caption of an image; {@code relativePath} is resolved against the image folder. */
    void add(long line, String imageId, String relativePath, String caption, Split split) {
        String cleaned = options.cleaner().apply(caption == null ? "" : caption);
        if (cleaned.isEmpty()) {
            malformed(line, "caption of image '" + imageId + "' is empty"
                    + (options.cleaner().enabled() ? " after cleaning" : ""));
            return;
        }
        Pending p = byImage.get(imageId);
        if (p == null) {
            p = new Pending(imageDir.resolve(relativePath));
            byImage.put(imageId, p);
        }
        if (!p.splitSet) {
            p.split = split;
            p.splitSet = true;
        } else if (p.split != split) {
            malformed(line, "image '" + imageId + "' is in split " + label(split) + " here but in "
                    + label(p.split) + " on an earlier row");
            return;
        }
        p.captions.add(cleaned);
    }

    private static String label(Split s) {
        return s == null ? "(none)" : s.label();
    }

    /** Checks images, applies the policy, and builds the data set. */
    CaptionDataset finish(String what) {
        List<CaptionRecord> records = new ArrayList<>(byImage.size());
        int missing = 0;
        int unreadable = 0;
        int dropped = 0;
        for (Map.Entry<String, Pending> e : byImage.entrySet()) {
            Pending p = e.getValue();
            DatasetProblem problem = checkImage(p.path);
            if (problem != null) {
                problems.add(problem);
                if (problem.kind() == DatasetProblem.Kind.MISSING_IMAGE) {
                    missing++;
                } else {
                    unreadable++;
                }
                dropped += p.captions.size();
                continue;
            }
            records.add(new CaptionRecord(e.getKey(), p.path, p.captions, p.split));
        }
        if (!problems.isEmpty() && options.policy() == BadRowPolicy.FAIL) {
            throw DatasetException.of("cannot read " + what + " " + source, problems);
        }
        DatasetReport report = new DatasetReport(source, records.size(),
                records.stream().mapToInt(r -> r.captions().size()).sum(), malformed, missing, unreadable,
                dropped, problems);
        if (report.hasProblems()) {
            LOG.warn("{}", report.summary());
            problems.stream().limit(20).forEach(p -> LOG.warn("  {}", p));
        } else {
            LOG.info("{}", report.summary());
        }
        if (records.isEmpty()) {
            throw new DatasetException(what + " " + source + " has no usable image"
                    + (report.hasProblems() ? " (" + report.summary() + ")" : ""), problems, null);
        }
        return new CaptionDataset(records, report);
    }

    private DatasetProblem checkImage(Path path) {
        if (options.imageCheck() == ImageCheck.NONE) {
            return null;
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            return new DatasetProblem(DatasetProblem.Kind.MISSING_IMAGE, path, 0,
                    "image file does not exist or is not readable");
        }
        if (options.imageCheck() == ImageCheck.HEADER) {
            String why = headerProblem(path);
            if (why != null) {
                return new DatasetProblem(DatasetProblem.Kind.UNREADABLE_IMAGE, path, 0, why);
            }
        }
        return null;
    }

    /** Why ImageIO cannot read the image's size, or null when it can. */
    static String headerProblem(Path path) {
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) {
                return "cannot open image file";
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return "not an image format ImageIO can read";
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    return "image has size " + w + "x" + h;
                }
            } finally {
                reader.dispose();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "cannot read image header: " + e.getMessage();
        }
    }
}
