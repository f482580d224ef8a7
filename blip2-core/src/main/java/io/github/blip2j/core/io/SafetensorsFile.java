package io.github.blip2j.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One memory-mapped safetensors file.
 *
 * <p>A {@link MappedByteBuffer} holds at most 2 GiB, so the data section is covered by several
 * read-only windows, each a run of whole tensors (a tensor never straddles two windows). Windows
 * are mapped on first use, so opening a 10 GB checkpoint costs only the header read.
 */
final class SafetensorsFile implements AutoCloseable {

    /** Largest window {@link FileChannel#map} accepts. */
    static final long MAX_WINDOW = Integer.MAX_VALUE;

    private final Path path;
    private final FileChannel channel;
    private final SafetensorsHeader header;
    private final Map<String, SafetensorsHeader.Entry> byName;
    private final Map<String, Window> windowOf;

    private SafetensorsFile(Path path, FileChannel channel, SafetensorsHeader header, long maxWindow) {
        this.path = path;
        this.channel = channel;
        this.header = header;
        Map<String, SafetensorsHeader.Entry> names = new LinkedHashMap<>();
        for (SafetensorsHeader.Entry e : header.entries) {
            names.put(e.info().name(), e);
        }
        this.byName = Collections.unmodifiableMap(names);
        this.windowOf = planWindows(header, maxWindow);
    }

    /** Opens and validates {@code path}; {@code maxWindow} is lowered only by tests. */
    static SafetensorsFile open(Path path, long maxWindow) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            long size = channel.size();
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = size < 8 ? 0 : lengthBytes.getLong(0);
            SafetensorsHeader.checkHeaderLength(path, headerLength, size);
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, 8);
            SafetensorsHeader header = SafetensorsHeader.parse(path, headerBytes.array(), size);
            SafetensorsFile file = new SafetensorsFile(path, channel, header, maxWindow);
            channel = null; // owned by file now
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safetensors file " + path + ": " + e.getMessage(), e);
        } finally {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the original failure is what matters
                }
            }
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                break; // a short file is reported by the length checks
            }
            pos += n;
        }
    }

    private static Map<String, Window> planWindows(SafetensorsHeader header, long maxWindow) {
        Map<String, Window> out = new LinkedHashMap<>();
        List<SafetensorsHeader.Entry> run = new ArrayList<>();
        long runStart = -1;
        long runEnd = -1;
        for (SafetensorsHeader.Entry e : header.entries) {
            long len = e.end() - e.begin();
            boolean fits = runStart >= 0 && e.end() - runStart <= maxWindow;
            if (!fits && !run.isEmpty()) {
                flush(out, run, header.dataStart + runStart, header.dataStart + runEnd);
                run.clear();
                runStart = -1;
            }
            if (runStart < 0) {
                runStart = e.begin();
            }
            runEnd = Math.max(runEnd, e.end());
            run.add(e);
            if (len > maxWindow) {
                // A lone oversized tensor gets its own (unmappable if > 2 GiB) window.
                flush(out, run, header.dataStart + runStart, header.dataStart + runEnd);
                run.clear();
                runStart = -1;
            }
        }
        if (!run.isEmpty()) {
            flush(out, run, header.dataStart + runStart, header.dataStart + runEnd);
        }
        return out;
    }

    private static void flush(Map<String, Window> out, List<SafetensorsHeader.Entry> run, long start, long end) {
        Window w = new Window(start, end);
        for (SafetensorsHeader.Entry e : run) {
            out.put(e.info().name(), w);
        }
    }

    Path path() {
        return path;
    }

    Map<String, String> metadata() {
        return header.metadata;
    }

    /** Entries by name, in data-offset order. */
    Map<String, SafetensorsHeader.Entry> entries() {
        return byName;
    }

    /** Number of distinct mapped windows the data section is split into (for tests). */
    long windowCount() {
        return windowOf.values().stream().distinct().count();
    }

    /**
     * The tensor's bytes as a read-only little-endian buffer over the mapping.
     *
     * @throws SafetensorsException if the tensor is over 2 GiB (no Java buffer can hold it)
     */
    ByteBuffer bytes(String name) {
        SafetensorsHeader.Entry e = byName.get(name);
        long len = e.end() - e.begin();
        if (len > MAX_WINDOW) {
            throw new SafetensorsException(path + ": tensor '" + name + "' is " + len
                    + " bytes; a single tensor over 2 GiB cannot be loaded into one array");
        }
        if (len == 0) {
            return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        Window w = windowOf.get(name);
        ByteBuffer mapped = w.buffer(channel, path);
        int from = (int) (header.dataStart + e.begin() - w.start);
        return mapped.duplicate().position(from).limit(from + (int) len).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + path, e);
        }
    }

    /** A lazily mapped run of whole tensors; absolute file offsets [start, end). */
    private static final class Window {
        final long start;
        final long end;
        private MappedByteBuffer mapped;

        Window(long start, long end) {
            this.start = start;
            this.end = end;
        }

        synchronized ByteBuffer buffer(FileChannel channel, Path path) {
            if (mapped == null) {
                try {
                    mapped = channel.map(FileChannel.MapMode.READ_ONLY, start, end - start);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot map bytes [" + start + ", " + end + ") of " + path, e);
                }
            }
            return mapped;
        }
    }
}
