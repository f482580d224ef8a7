package io.github.blip2j.core.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a list of items (usually {@link CaptionExample}s) into batches and decodes + preprocesses
 * their images on background threads, a few batches ahead of the consumer, so the training thread
 * only waits when decoding is slower than a step.
 *
 * <p>The order is a pure function of the seed and the epoch ({@link #plan(int)}), not of thread
 * timing, so training is reproducible and a resumed run can continue at any batch with
 * {@link #epoch(int, int)} without decoding the batches before it.
 *
 * <pre>{@code
 * try (ImageBatchLoader<CaptionExample> loader = ImageBatchLoader.forExamples(train.examples())
 *         .batchSize(8).seed(42).preprocessor(processor::pixels).build();
 *      BatchIterator<CaptionExample> it = loader.epoch(0)) {
 *     while (it.hasNext()) { Batch<CaptionExample> b = it.next(); ... b.stacked() ... }
 * }
 * }</pre>
 *
 * <p>An image that cannot be decoded fails the iteration with a {@link DatasetException} naming the
 * file, or under {@link BadRowPolicy#SKIP} is left out of its batch, logged once and counted in
 * {@link #skippedItems()}. Exceptions from the preprocessor itself always propagate.
 */
public final class ImageBatchLoader<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImageBatchLoader.class);
    private static final AtomicInteger POOL_ID = new AtomicInteger();

    private final List<T> items;
    private final Function<? super T, Path> imagePath;
    private final Function<BufferedImage, float[]> preprocessor;
    private final int batchSize;
    private final boolean shuffle;
    /** Each item's length under {@link Builder#groupByLength}, computed once; {@code null} when not grouping. */
    private final int[] lengths;
    private final int lengthWindow;
    private final long seed;
    private final boolean dropLast;
    private final int prefetch;
    private final BadRowPolicy policy;
    private final int cacheSize;
    private final ExecutorService executor;
    private final Map<Path, float[]> cache;
    private final Set<Path> failed = ConcurrentHashMap.newKeySet();
    private final List<DatasetProblem> problems = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong skipped = new AtomicLong();

    private ImageBatchLoader(Builder<T> b) {
        this.items = List.copyOf(b.items);
        this.imagePath = b.imagePath;
        this.preprocessor = b.preprocessor;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.lengths = b.length == null ? null : this.items.stream().mapToInt(b.length).toArray();
        this.lengthWindow = b.lengthWindow;
        this.seed = b.seed;
        this.dropLast = b.dropLast;
        this.prefetch = b.prefetch;
        this.policy = b.policy;
        this.cacheSize = b.cacheSize;
        this.cache = cacheSize == 0 ? null : Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, float[]> eldest) {
                return size() > ImageBatchLoader.this.cacheSize;
            }
        });
        int pool = POOL_ID.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "blip2-data-" + pool + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newFixedThreadPool(b.threads, factory);
    }

    /** A loader over any items; {@code imagePath} says where each item's image is. */
    public static <T> Builder<T> builder(List<T> items, Function<? super T, Path> imagePath) {
        return new Builder<>(items, imagePath);
    }

    /** A loader over (image, caption) pairs, for training. */
    public static Builder<CaptionExample> forExamples(List<CaptionExample> examples) {
        return new Builder<>(examples, CaptionExample::imagePath);
    }

    /** A loader over images, one per record, for captioning and evaluation. */
    public static Builder<CaptionRecord> forRecords(List<CaptionRecord> records) {
        return new Builder<CaptionRecord>(records, CaptionRecord::imagePath).shuffle(false);
    }

    public int size() {
        return items.size();
    }

    public int batchSize() {
        return batchSize;
    }

    /** Batches in one epoch. */
    public int batchesPerEpoch() {
        return dropLast ? items.size() / batchSize : (items.size() + batchSize - 1) / batchSize;
    }

    /**
     * The item indices of each batch of an epoch: shuffled with a seed derived from (seed, epoch) when
     * shuffling; with {@link Builder#groupByLength}, each window of the shuffled order is sorted by
     * length (longest first) before it is cut, and the batches are shuffled again.
     */
    public List<int[]> plan(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        List<Integer> order = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            order.add(i);
        }
        Random random = new Random(mix(seed, epoch));
        if (shuffle) {
            Collections.shuffle(order, random);
        }
        if (lengths != null) {
            int window = lengthWindow * batchSize;
            Comparator<Integer> longestFirst = Comparator.comparingInt((Integer i) -> lengths[i]).reversed();
            for (int from = 0; from < order.size(); from += window) {
                order.subList(from, Math.min(order.size(), from + window)).sort(longestFirst);
            }
        }
        List<int[]> batches = new ArrayList<>(batchesPerEpoch());
        for (int b = 0; b < batchesPerEpoch(); b++) {
            int from = b * batchSize;
            int to = Math.min(from + batchSize, order.size());
            int[] idx = new int[to - from];
            for (int i = from; i < to; i++) {
                idx[i - from] = order.get(i);
            }
            batches.add(idx);
        }
        if (lengths != null && shuffle) {
            // Sorted windows would otherwise run from long to short captions every few batches.
            Collections.shuffle(batches, random);
        }
        return batches;
    }

    /** Iterates an epoch from its first batch. */
    public BatchIterator<T> epoch(int epoch) {
        return epoch(epoch, 0);
    }

    /** Iterates an epoch from batch {@code fromBatch} (0..batchesPerEpoch), e.g. to resume a run. */
    public BatchIterator<T> epoch(int epoch, int fromBatch) {
        if (fromBatch < 0 || fromBatch > batchesPerEpoch()) {
            throw new IllegalArgumentException("fromBatch must be in 0.." + batchesPerEpoch() + ", got " + fromBatch);
        }
        if (executor.isShutdown()) {
            throw new IllegalStateException("loader is closed");
        }
        return new BatchIterator<>(this, epoch, plan(epoch), fromBatch, prefetch);
    }

    /** Items left out of batches so far because their image could not be decoded (SKIP policy). */
    public long skippedItems() {
        return skipped.get();
    }

    /** The images that could not be decoded, each once. */
    public List<DatasetProblem> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    ExecutorService executor() {
        return executor;
    }

    /** Decodes and preprocesses one batch; runs on a loader thread. */
    Batch<T> load(int epoch, int index, int[] indices) {
        List<T> kept = new ArrayList<>(indices.length);
        List<float[]> pixels = new ArrayList<>(indices.length);
        for (int i : indices) {
            T item = items.get(i);
            float[] p = pixels(imagePath.apply(item));
            if (p == null) {
                skipped.incrementAndGet();
                continue;
            }
            kept.add(item);
            pixels.add(p);
        }
        return new Batch<>(epoch, index, kept, pixels);
    }

    private float[] pixels(Path path) {
        if (failed.contains(path)) {
            return null;
        }
        if (cache != null) {
            float[] hit = cache.get(path);
            if (hit != null) {
                return hit;
            }
        }
        BufferedImage image;
        String why;
        try {
            image = ImageIO.read(path.toFile());
            why = image == null ? "not an image format ImageIO can read" : null;
        } catch (IOException | RuntimeException e) {
            image = null;
            why = "cannot decode image: " + e.getMessage();
        }
        if (image == null) {
            DatasetProblem problem = new DatasetProblem(java.nio.file.Files.exists(path)
                    ? DatasetProblem.Kind.UNREADABLE_IMAGE : DatasetProblem.Kind.MISSING_IMAGE, path, 0,
                    java.nio.file.Files.exists(path) ? why : "image file does not exist");
            if (policy == BadRowPolicy.FAIL) {
                throw new DatasetException(problem.toString() + " (to skip such images, use BadRowPolicy.SKIP)",
                        List.of(problem), null);
            }
            if (failed.add(path)) {
                problems.add(problem);
                LOG.warn("skipping image: {}", problem);
            }
            return null;
        }
        float[] p = preprocessor.apply(image);
        if (p == null) {
            throw new IllegalStateException("preprocessor returned null for " + path);
        }
        if (cache != null) {
            cache.put(path, p);
        }
        return p;
    }

    /** Stops the loader threads; iterators still open fail on their next batch. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** SplitMix64 of (seed, epoch): distinct, well-mixed shuffle seeds per epoch. */
    private static long mix(long seed, int epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Settings of a loader; the preprocessor is required. */
    public static final class Builder<T> {
        private final List<T> items;
        private final Function<? super T, Path> imagePath;
        private Function<BufferedImage, float[]> preprocessor;
        private int batchSize = 8;
        private boolean shuffle = true;
        private ToIntFunction<? super T> length;
        private int lengthWindow;
        private long seed = 42;
        private boolean dropLast;
        private int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        private int prefetch = 2;
        private BadRowPolicy policy = BadRowPolicy.FAIL;
        private int cacheSize;

        private Builder(List<T> items, Function<? super T, Path> imagePath) {
            this.items = Objects.requireNonNull(items, "items");
            this.imagePath = Objects.requireNonNull(imagePath, "imagePath");
        }

        /** Items per batch, 1..65536 (default 8). */
        public Builder<T> batchSize(int n) {
            this.batchSize = range("batchSize", n, 1, 65_536);
            return this;
        }

        /** Shuffle each epoch (default true; false for {@link #forRecords}). */
        public Builder<T> shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * Batches items of similar {@code length} together, as Hugging Face's {@code group_by_length}:
         * each run of {@code windowBatches x batchSize} shuffled items is sorted by length, then cut
         * into batches, and the batches are shuffled. Padding to the longest item of a batch then
         * wastes little (demo captions of 2-33 words, batch 32: 2.1x the real tokens at random,
         * 1.02x grouped over windows of 50 batches); batches stay random in which items meet, less
         * random in how long they are. Off by default.
         *
         * @param windowBatches batches per sorted window, 1..100000
         */
        public Builder<T> groupByLength(ToIntFunction<? super T> length, int windowBatches) {
            this.length = Objects.requireNonNull(length, "length");
            this.lengthWindow = range("windowBatches", windowBatches, 1, 100_000);
            return this;
        }

        /** Seed of the shuffles (default 42). */
        public Builder<T> seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Drop a last, smaller batch (default false). */
        public Builder<T> dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Turns a decoded image into model input; called concurrently, so it must be thread-safe. */
        public Builder<T> preprocessor(Function<BufferedImage, float[]> preprocessor) {
            this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
            return this;
        }

        /** Decoding threads, 1..64 (default min(2, cores)). */
        public Builder<T> threads(int n) {
            this.threads = range("threads", n, 1, 64);
            return this;
        }

        /** Batches decoded ahead of the consumer, 1..64 (default 2). */
        public Builder<T> prefetch(int n) {
            this.prefetch = range("prefetch", n, 1, 64);
            return this;
        }

        /** What to do with an image that cannot be decoded (default FAIL). */
        public Builder<T> policy(BadRowPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Keep up to this many preprocessed images in memory, 0..1000000 (default 0: no cache). */
        public Builder<T> cacheSize(int images) {
            this.cacheSize = range("cacheSize", images, 0, 1_000_000);
            return this;
        }

        private static int range(String field, int v, int min, int max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(field + " must be in " + min + ".." + max + ", got " + v);
            }
            return v;
        }

        public ImageBatchLoader<T> build() {
            if (preprocessor == null) {
                throw new IllegalArgumentException("preprocessor must be set (a Function<BufferedImage, float[]>)");
            }
            return new ImageBatchLoader<>(this);
        }
    }
}
