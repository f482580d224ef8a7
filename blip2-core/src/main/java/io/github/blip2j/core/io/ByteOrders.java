package io.github.blip2j.core.io;

import java.nio.ByteBuffer;

/** Copies fixed-size elements between buffers of possibly different byte orders. */
final class ByteOrders {

    private ByteOrders() {}

    /**
     * Copies all of {@code src}'s remaining bytes to {@code dst} at position 0, swapping the bytes
     * of each {@code elementSize}-byte element when the two buffers' orders differ. Positions of
     * neither buffer change.
     */
    static void copy(ByteBuffer src, ByteBuffer dst, int elementSize) {
        ByteBuffer s = src.duplicate();
        ByteBuffer d = dst.duplicate().clear();
        if (elementSize == 1 || src.order() == dst.order()) {
            d.put(s);
            return;
        }
        int base = s.position();
        int n = s.remaining();
        for (int i = 0; i < n; i += elementSize) {
            for (int b = 0; b < elementSize; b++) {
                d.put(i + b, s.get(base + i + elementSize - 1 - b));
            }
        }
    }
}
