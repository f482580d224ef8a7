package io.github.blip2j.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An image-captioning data set: images, each with its reference captions, read from one of the
 * common annotation formats. Immutable; each image appears once.
 *
 * <pre>{@code
 * CaptionDataset data = CaptionDataset.flickr8k(Path.of("Flickr8k.token.txt"), Path.of("Flicker8k_Dataset"));
 * DatasetSplits splits = data.split(0.1, 0.1, 42);   // grouped by image: no image in two splits
 * List<CaptionExample> train = splits.train().examples();
 * }</pre>
 *
 * <p>Every factory reads with {@link ReadOptions#defaults()} unless given options: a malformed row
 * or a missing or unreadable image fails the read with a {@link DatasetException} that lists each
 * problem as {@code file:line: what was expected}; with {@link BadRowPolicy#SKIP} they are dropped
 * and counted in {@link #report()}.
 */
public final class CaptionDataset {

    private final List<CaptionRecord> records;
    private final Map<String, CaptionRecord> byId;
    private final DatasetReport report;

    CaptionDataset(List<CaptionRecord> records, DatasetReport report) {
        this.records = List.copyOf(records);
        Map<String, CaptionRecord> m = new LinkedHashMap<>();
        for (CaptionRecord r : this.records) {
            if (m.put(r.imageId(), r) != null) {
                throw new IllegalArgumentException("image id '" + r.imageId() + "' appears twice; merge its captions "
                        + "into one CaptionRecord");
            }
        }
        this.byId = Collections.unmodifiableMap(m);
        this.report = report;
    }

    /** {@code Flickr8k.token.txt} ({@code image.jpg#n<TAB>caption}) and the image folder. */
    public static CaptionDataset flickr8k(Path tokenFile, Path imageDir) {
        return flickr8k(tokenFile, imageDir, ReadOptions.defaults());
    }

    public static CaptionDataset flickr8k(Path tokenFile, Path imageDir, ReadOptions options) {
        return read(DatasetFormat.FLICKR8K, tokenFile, imageDir, options);
    }

    /** Karpathy's {@code dataset_flickr8k.json} with its train/val/test labels (see {@link #predefinedSplits()}). */
    public static CaptionDataset karpathy(Path datasetJson, Path imageDir) {
        return karpathy(datasetJson, imageDir, ReadOptions.defaults());
    }

    public static CaptionDataset karpathy(Path datasetJson, Path imageDir, ReadOptions options) {
        return read(DatasetFormat.KARPATHY, datasetJson, imageDir, options);
    }

    /** The seed's CSV: header {@code image,caption}, one caption per row. */
    public static CaptionDataset csv(Path csvFile, Path imageDir) {
        return csv(csvFile, imageDir, ReadOptions.defaults());
    }

    public static CaptionDataset csv(Path csvFile, Path imageDir, ReadOptions options) {
        return read(DatasetFormat.CSV, csvFile, imageDir, options);
    }

    /** A COCO captions JSON file ({@code images} + {@code annotations}); image ids are COCO's numeric ids. */
    public static CaptionDataset coco(Path captionsJson, Path imageDir) {
        return coco(captionsJson, imageDir, ReadOptions.defaults());
    }

    public static CaptionDataset coco(Path captionsJson, Path imageDir, ReadOptions options) {
        return read(DatasetFormat.COCO, captionsJson, imageDir, options);
    }

    /** Reads {@code file} in the given format; see {@link DatasetFormat#detect(Path)} to guess it. */
    public static CaptionDataset read(DatasetFormat format, Path file, Path imageDir, ReadOptions options) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(imageDir, "imageDir");
        Objects.requireNonNull(options, "options");
        return switch (format) {
            case FLICKR8K -> Flickr8kReader.read(file, imageDir, options);
            case KARPATHY -> KarpathyReader.read(file, imageDir, options);
            case CSV -> CsvReader.read(file, imageDir, options);
            case COCO -> CocoReader.read(file, imageDir, options);
        };
    }

    /** A data set of records built in memory (ids must be unique). */
    public static CaptionDataset of(List<CaptionRecord> records) {
        return new CaptionDataset(records, DatasetReport.clean(null, records.size(),
                records.stream().mapToInt(r -> r.captions().size()).sum()));
    }

    /** The images, in file order. */
    public List<CaptionRecord> records() {
        return records;
    }

    public int size() {
        return records.size();
    }

    public int captionCount() {
        return records.stream().mapToInt(r -> r.captions().size()).sum();
    }

    /** What the reader found and skipped; for the training log. */
    public DatasetReport report() {
        return report;
    }

    public Optional<CaptionRecord> find(String imageId) {
        return Optional.ofNullable(byId.get(imageId));
    }

    /** Every (image, caption) pair: records in order, each record's captions in order. */
    public List<CaptionExample> examples() {
        List<CaptionExample> out = new ArrayList<>(captionCount());
        for (CaptionRecord r : records) {
            for (int i = 0; i < r.captions().size(); i++) {
                out.add(new CaptionExample(r.imageId(), r.imagePath(), r.captions().get(i), i));
            }
        }
        return out;
    }

    /** Image id to its captions, in record order: the {@code references} argument of caption metrics. */
    public Map<String, List<String>> references() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        records.forEach(r -> m.put(r.imageId(), r.captions()));
        return m;
    }

    /** The records that pass {@code keep}, same report. */
    public CaptionDataset filter(Predicate<CaptionRecord> keep) {
        return new CaptionDataset(records.stream().filter(keep).toList(), report);
    }

    /** The first {@code maxImages} records (all of them when there are fewer). */
    public CaptionDataset limit(int maxImages) {
        if (maxImages < 0) {
            throw new IllegalArgumentException("maxImages must be >= 0, got " + maxImages);
        }
        return new CaptionDataset(records.subList(0, Math.min(maxImages, records.size())), report);
    }

    /** Whether every record carries a split label from its file (Karpathy JSON, CSV with a split column). */
    public boolean hasSplitLabels() {
        return !records.isEmpty() && records.stream().allMatch(r -> r.split() != null);
    }

    /**
     * A seeded random split GROUPED BY IMAGE: every image, with all its captions, goes to exactly one
     * split, so no test image was seen in training. (The seed project split the caption ROWS, which
     * puts the same image in train and test with different captions and inflates test scores.)
     * The assignment depends only on the set of image ids and the seed, not on file order.
     *
     * @param validationFraction share of images for validation, 0..1
     * @param testFraction       share of images for test, 0..1; the two must leave at least one training image
     */
    public DatasetSplits split(double validationFraction, double testFraction, long seed) {
        return GroupedSplitter.split(this, validationFraction, testFraction, seed);
    }

    /**
     * The splits the annotation file assigns (Karpathy's train+restval / val / test).
     *
     * @throws IllegalStateException when some image has no split label
     */
    public DatasetSplits predefinedSplits() {
        List<CaptionRecord> unlabelled = records.stream().filter(r -> r.split() == null).limit(3).toList();
        if (!unlabelled.isEmpty()) {
            throw new IllegalStateException("predefinedSplits() needs a split label on every image; "
                    + unlabelled.stream().map(CaptionRecord::imageId).toList() + " have none (source: "
                    + report.source() + "); use split(validationFraction, testFraction, seed) instead");
        }
        return new DatasetSplits(subset(Split.TRAIN), subset(Split.VALIDATION), subset(Split.TEST));
    }

    private CaptionDataset subset(Split s) {
        return new CaptionDataset(records.stream().filter(r -> r.split() == s).toList(), report);
    }

    /** The records whose ids are in {@code ids}, in this data set's order. */
    CaptionDataset select(Set<String> ids) {
        return new CaptionDataset(records.stream().filter(r -> ids.contains(r.imageId())).toList(), report);
    }

    /** Ids of all images. */
    public Set<String> imageIds() {
        return Collections.unmodifiableSet(new HashSet<>(byId.keySet()));
    }

    @Override
    public String toString() {
        return "CaptionDataset[" + size() + " images, " + captionCount() + " captions"
                + (report.source() == null ? "" : ", from " + report.source()) + "]";
    }
}
