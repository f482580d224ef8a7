package io.github.blip2j.core.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Small images and annotation files written into a test's temporary folder. */
final class TestFiles {

    private TestFiles() {
    }

    /** A w x h PNG whose every pixel has red channel {@code red}. */
    static Path png(Path dir, String name, int red) {
        BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                img.setRGB(x, y, (red & 0xff) << 16 | 0x10 << 8 | 0x20);
            }
        }
        try {
            Files.createDirectories(dir);
            Path p = dir.resolve(name);
            ImageIO.write(img, "png", p.toFile());
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file with an image name whose bytes are not an image. */
    static Path garbage(Path dir, String name) {
        return text(dir.resolve(name), "this is not an image");
    }

    static Path text(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The red channel of a preprocessed test image: one float per image. */
    static float[] redOf(BufferedImage img) {
        return new float[] {(img.getRGB(0, 0) >> 16) & 0xff};
    }
}
