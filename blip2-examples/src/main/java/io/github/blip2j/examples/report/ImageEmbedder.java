package io.github.blip2j.examples.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Turns image files into {@code data:} URIs so the report is one self-contained file. Small PNG,
 * JPEG or GIF files are embedded as they are; larger pictures (real photos) are scaled down to
 * {@link #MAX_EDGE} pixels and re-encoded as JPEG, which keeps a 20-image gallery near 1 MB.
 */
final class ImageEmbedder {

    /** Longest edge of an embedded thumbnail. */
    static final int MAX_EDGE = 320;
    private static final long MAX_RAW_BYTES = 64 * 1024;

    private ImageEmbedder() {
    }

    /**
     * The image as a data URI.
     *
     * @throws UncheckedIOException naming the file when it cannot be read or is not an image
     */
    static String dataUri(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String mime = mime(file);
            BufferedImage img = null;
            if (mime == null || bytes.length > MAX_RAW_BYTES) {
                img = ImageIO.read(file.toFile());
                if (img == null) {
                    throw new IOException("not an image ImageIO can read");
                }
            }
            if (img != null && (mime == null || Math.max(img.getWidth(), img.getHeight()) > MAX_EDGE
                    || bytes.length > MAX_RAW_BYTES)) {
                bytes = thumbnailJpeg(img);
                mime = "image/jpeg";
            }
            return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot embed image " + file + ": " + e.getMessage(), e);
        }
    }

    private static String mime(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".png")) {
            return "image/png";
        }
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (n.endsWith(".gif")) {
            return "image/gif";
        }
        return null;
    }

    private static byte[] thumbnailJpeg(BufferedImage src) throws IOException {
        double scale = Math.min(1.0, (double) MAX_EDGE / Math.max(src.getWidth(), src.getHeight()));
        int w = Math.max(1, (int) Math.round(src.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(src.getHeight() * scale));
        BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(dst, "jpg", out)) {
            throw new IOException("no JPEG writer");
        }
        return out.toByteArray();
    }
}
