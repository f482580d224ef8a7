package io.github.blip2j.core.data;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * The batches of one epoch, decoded {@code prefetch} batches ahead on the loader's threads.
 * Batches left empty by skipped images are passed over. Close it when stopping early so that
 * batches decoded ahead are cancelled.
 */
public final class BatchIterator<T> implements Iterator<Batch<T>>, AutoCloseable {

    private final ImageBatchLoader<T> loader;
    private final int epoch;
    private final List<int[]> plan;
    private final int prefetch;
    private final Deque<Future<Batch<T>>> pending = new ArrayDeque<>();
    private int nextToSubmit;
    private Batch<T> ready;

    BatchIterator(ImageBatchLoader<T> loader, int epoch, List<int[]> plan, int fromBatch, int prefetch) {
        this.loader = loader;
        this.epoch = epoch;
        this.plan = plan;
        this.prefetch = prefetch;
        this.nextToSubmit = fromBatch;
        fill();
    }

    private void fill() {
        while (pending.size() < prefetch && nextToSubmit < plan.size()) {
            int index = nextToSubmit++;
            int[] indices = plan.get(index);
            try {
                pending.addLast(loader.executor().submit(() -> loader.load(epoch, index, indices)));
            } catch (RejectedExecutionException e) {
                throw new IllegalStateException("the ImageBatchLoader was closed", e);
            }
        }
    }

    @Override
    public boolean hasNext() {
        while (ready == null && !pending.isEmpty()) {
            Batch<T> b = await(pending.removeFirst());
            fill();
            if (b.size() > 0) {
                ready = b;
            }
        }
        return ready != null;
    }

    @Override
    public Batch<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has no more batches");
        }
        Batch<T> b = ready;
        ready = null;
        return b;
    }

    private Batch<T> await(Future<Batch<T>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for a batch of epoch " + epoch, e);
        } catch (CancellationException e) {
            throw new IllegalStateException("the ImageBatchLoader was closed", e);
        } catch (ExecutionException e) {
            close();
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new DatasetException("loading a batch of epoch " + epoch + " failed", cause);
        }
    }

    /** Cancels batches decoded ahead. */
    @Override
    public void close() {
        for (Future<Batch<T>> f : pending) {
            f.cancel(false);
        }
        pending.clear();
        nextToSubmit = plan.size();
        ready = null;
    }
}
