package io.github.blip2j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBatchLoaderTest {

    @TempDir
    Path dir;

    /** 10 images whose red channel is their number; 2 captions each. */
    private CaptionDataset data() {
        List<CaptionRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Path p = TestFiles.png(dir, "img" + i + ".png", i);
            records.add(new CaptionRecord("img" + i, p, List.of("first " + i, "second " + i), null));
        }
        return CaptionDataset.of(records);
    }

    private static List<Batch<CaptionExample>> drain(BatchIterator<CaptionExample> it) {
        List<Batch<CaptionExample>> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void everyExampleOnceWithItsOwnImageInASeededOrder() {
        List<CaptionExample> examples = data().examples();
        try (ImageBatchLoader<CaptionExample> loader = ImageBatchLoader.forExamples(examples).batchSize(3).seed(5)
                .preprocessor(TestFiles::redOf).build()) {
            assertThat(loader.batchesPerEpoch()).isEqualTo(7);
            List<Batch<CaptionExample>> batches = drain(loader.epoch(0));
            assertThat(batches).hasSize(7);
            assertThat(batches.get(6).size()).isEqualTo(2);
            List<CaptionExample> seen = new ArrayList<>();
            for (Batch<CaptionExample> b : batches) {
                for (int i = 0; i < b.size(); i++) {
                    CaptionExample e = b.items().get(i);
                    assertThat(b.pixels().get(i)[0]).isEqualTo(Float.parseFloat(e.imageId().substring(3)));
                    seen.add(e);
                }
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(examples).isNotEqualTo(examples);
            List<CaptionExample> again = drain(loader.epoch(0)).stream().flatMap(b -> b.items().stream()).toList();
            assertThat(again).isEqualTo(seen);
            List<CaptionExample> nextEpoch = drain(loader.epoch(1)).stream().flatMap(b -> b.items().stream()).toList();
            assertThat(nextEpoch).isNotEqualTo(seen);
        }
    }

    @Test
    void groupingByLengthKeepsEveryItemOnceAndCutsThePadding() {
        // 1000 items of length 1..40 (a skewed mix, as captions are); batches of 16, windows of 10 batches.
        java.util.Random r = new java.util.Random(3);
        List<Integer> lengths = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            lengths.add(1 + (int) Math.min(39, Math.abs(r.nextGaussian()) * 12));
        }
        try (ImageBatchLoader<Integer> plain = ImageBatchLoader.builder(lengths, x -> dir).batchSize(16).seed(7)
                .preprocessor(TestFiles::redOf).build();
                ImageBatchLoader<Integer> grouped = ImageBatchLoader.builder(lengths, x -> dir).batchSize(16).seed(7)
                        .groupByLength(x -> x, 10).preprocessor(TestFiles::redOf).build();
                ImageBatchLoader<Integer> dropping = ImageBatchLoader.builder(lengths, x -> dir).batchSize(16).seed(7)
                        .groupByLength(x -> x, 10).dropLast(true).preprocessor(TestFiles::redOf).build()) {
            for (int epoch = 0; epoch < 3; epoch++) {
                List<int[]> batches = grouped.plan(epoch);
                assertThat(batches).hasSize(63);
                assertThat(batches.stream().filter(b -> b.length != 16).mapToInt(b -> b.length).toArray())
                        .as("one short batch, anywhere").containsExactly(1000 % 16);
                assertThat(batches.stream().flatMapToInt(java.util.Arrays::stream).sorted().toArray())
                        .as("every item once").isEqualTo(java.util.stream.IntStream.range(0, 1000).toArray());
                assertThat(padding(grouped.plan(epoch), lengths)).as("grouped").isLessThan(1.3);
                assertThat(padding(plain.plan(epoch), lengths)).as("at random").isGreaterThan(1.8);
                assertThat(grouped.plan(epoch).toArray(new int[0][])).as("a function of (seed, epoch)")
                        .isDeepEqualTo(batches.toArray(new int[0][]));
                assertThat(dropping.plan(epoch)).hasSize(62).allMatch(b -> b.length == 16);
            }
            assertThat(java.util.Arrays.deepEquals(grouped.plan(1).toArray(), grouped.plan(0).toArray())).isFalse();
            // Long and short batches are spread over the epoch, not sorted within each window.
            List<Integer> firstTen = grouped.plan(0).subList(0, 10).stream().map(b -> lengths.get(b[0])).toList();
            assertThat(firstTen).isNotEqualTo(firstTen.stream().sorted(java.util.Comparator.reverseOrder()).toList());
        }
        assertThatThrownBy(() -> ImageBatchLoader.builder(lengths(), x -> dir).groupByLength(x -> x, 0))
                .hasMessageContaining("windowBatches must be in 1..100000, got 0");
    }

    private static List<Integer> lengths() {
        return List.of(1, 2, 3);
    }

    /** Padded tokens over real tokens when every batch is padded to its longest item. */
    private static double padding(List<int[]> batches, List<Integer> lengths) {
        long padded = 0;
        long real = 0;
        for (int[] b : batches) {
            int max = 0;
            for (int i : b) {
                max = Math.max(max, lengths.get(i));
                real += lengths.get(i);
            }
            padded += (long) max * b.length;
        }
        return padded / (double) real;
    }

    @Test
    void resumingAtABatchGivesTheRestOfTheSameEpoch() {
        try (ImageBatchLoader<CaptionExample> loader = ImageBatchLoader.forExamples(data().examples()).batchSize(4)
                .seed(9).preprocessor(TestFiles::redOf).build()) {
            List<Batch<CaptionExample>> full = drain(loader.epoch(2));
            List<Batch<CaptionExample>> tail = drain(loader.epoch(2, 3));
            assertThat(tail).extracting(Batch::index).containsExactly(3, 4);
            assertThat(tail.get(0).items()).isEqualTo(full.get(3).items());
            assertThat(drain(loader.epoch(2, loader.batchesPerEpoch()))).isEmpty();
            assertThatThrownBy(() -> loader.epoch(2, 6)).hasMessageContaining("fromBatch").hasMessageContaining("0..5");
        }
    }

    @Test
    void decodingRunsOnLoaderThreads() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (ImageBatchLoader<CaptionRecord> loader = ImageBatchLoader.forRecords(data().records()).batchSize(2).threads(2)
                .preprocessor(img -> {
                    threads.add(Thread.currentThread().getName());
                    return TestFiles.redOf(img);
                }).build()) {
            List<Batch<CaptionRecord>> batches = new ArrayList<>();
            loader.epoch(0).forEachRemaining(batches::add);
            assertThat(batches.stream().flatMap(b -> b.items().stream()).map(CaptionRecord::imageId))
                    .containsExactly("img0", "img1", "img2", "img3", "img4", "img5", "img6", "img7", "img8", "img9");
        }
        assertThat(threads).isNotEmpty().allMatch(n -> n.startsWith("blip2-data-"))
                .doesNotContain(Thread.currentThread().getName());
    }

    @Test
    void cacheAvoidsDecodingAnImageTwice() {
        AtomicInteger calls = new AtomicInteger();
        try (ImageBatchLoader<CaptionExample> loader = ImageBatchLoader.forExamples(data().examples()).batchSize(5)
                .cacheSize(100).threads(1).preprocessor(img -> {
                    calls.incrementAndGet();
                    return TestFiles.redOf(img);
                }).build()) {
            drain(loader.epoch(0));
            drain(loader.epoch(1));
        }
        assertThat(calls.get()).isEqualTo(10);
    }

    @Test
    void badImageFailsWithItsPathOrIsSkippedAndCounted() {
        List<CaptionRecord> records = new ArrayList<>(data().records());
        Path bad = TestFiles.garbage(dir, "bad.png");
        records.add(3, new CaptionRecord("bad", bad, List.of("x"), null));
        records.add(new CaptionRecord("gone", dir.resolve("gone.png"), List.of("y"), null));
        try (ImageBatchLoader<CaptionRecord> loader = ImageBatchLoader.forRecords(records).batchSize(4)
                .preprocessor(TestFiles::redOf).build()) {
            BatchIterator<CaptionRecord> it = loader.epoch(0);
            assertThatThrownBy(() -> it.forEachRemaining(b -> { }))
                    .isInstanceOf(DatasetException.class).hasMessageContaining(bad.toString())
                    .hasMessageContaining("BadRowPolicy.SKIP");
        }
        try (ImageBatchLoader<CaptionRecord> loader = ImageBatchLoader.forRecords(records).batchSize(4)
                .policy(BadRowPolicy.SKIP).preprocessor(TestFiles::redOf).build()) {
            List<Batch<CaptionRecord>> batches = new ArrayList<>();
            loader.epoch(0).forEachRemaining(batches::add);
            assertThat(batches.stream().mapToInt(Batch::size).sum()).isEqualTo(10);
            assertThat(batches.get(0).size()).isEqualTo(3);
            assertThat(loader.skippedItems()).isEqualTo(2);
            assertThat(loader.problems()).extracting(DatasetProblem::kind)
                    .containsExactlyInAnyOrder(DatasetProblem.Kind.UNREADABLE_IMAGE, DatasetProblem.Kind.MISSING_IMAGE);
        }
    }

    @Test
    void stackedConcatenatesImagesAndDropLastDropsTheRemainder() {
        try (ImageBatchLoader<CaptionRecord> loader = ImageBatchLoader.forRecords(data().records()).batchSize(4)
                .dropLast(true).preprocessor(img -> new float[] {TestFiles.redOf(img)[0], -1}).build()) {
            assertThat(loader.batchesPerEpoch()).isEqualTo(2);
            Batch<CaptionRecord> first = loader.epoch(0).next();
            assertThat(first.stacked()).containsExactly(0, -1, 1, -1, 2, -1, 3, -1);
        }
    }

    @Test
    void builderValidatesEagerly() {
        List<CaptionExample> none = List.of();
        assertThatThrownBy(() -> ImageBatchLoader.forExamples(none).batchSize(0))
                .hasMessageContaining("batchSize").hasMessageContaining("1..65536").hasMessageContaining("0");
        assertThatThrownBy(() -> ImageBatchLoader.forExamples(none).threads(65)).hasMessageContaining("threads");
        assertThatThrownBy(() -> ImageBatchLoader.forExamples(none).build()).hasMessageContaining("preprocessor");
    }

    @Test
    void closedLoaderRefusesNewEpochs() {
        ImageBatchLoader<CaptionRecord> loader = ImageBatchLoader.forRecords(data().records())
                .preprocessor(TestFiles::redOf).build();
        loader.close();
        assertThatThrownBy(() -> loader.epoch(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
