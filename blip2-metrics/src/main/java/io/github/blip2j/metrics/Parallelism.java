package io.github.blip2j.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * How many threads an evaluation may use. Work is split into contiguous index ranges whose results
 * land at fixed indices, and every reduction runs afterwards in index order, so results never
 * depend on the thread count. Worker threads are daemon threads in one pool per thread count,
 * kept for the life of the JVM (like the common pool).
 */
public final class Parallelism {

    private static final Map<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

    private final int threads;

    private Parallelism(int threads) {
        this.threads = threads;
    }

    /**
     * Exactly {@code threads} worker threads.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static Parallelism threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return new Parallelism(threads);
    }

    /** One worker per available processor. */
    public static Parallelism available() {
        return threads(Runtime.getRuntime().availableProcessors());
    }

    /** Everything on the calling thread. */
    public static Parallelism sequential() {
        return threads(1);
    }

    public int threads() {
        return threads;
    }

    /** A body over the index range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into contiguous ranges of at least
     * {@code minChunk} indices, and returns when all are done. An exception thrown by the body is
     * rethrown here.
     */
    public void forRanges(int n, int minChunk, RangeBody body) {
        int chunks = Math.min(threads * 4, (n + Math.max(1, minChunk) - 1) / Math.max(1, minChunk));
        if (threads == 1 || chunks <= 1) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        ForkJoinPool pool = POOLS.computeIfAbsent(threads, ForkJoinPool::new);
        List<Future<?>> futures = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            futures.add(pool.submit(() -> body.run(from, to)));
        }
        RuntimeException failure = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = unwrap(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for workers", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(cause);
    }

    @Override
    public String toString() {
        return "Parallelism[threads=" + threads + "]";
    }
}
