package io.github.blip2j.core.train;

import io.github.blip2j.core.data.CaptionDataset;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Small seeded caption data sets for training tests: PNG images and captions of fixture-vocabulary words. */
final class TrainData {

    private TrainData() {}

    /**
     * Writes {@code images} PNGs ({@code img_i.png}, 40x36 noise with a per-image tint) and a CSV with
     * {@code captionsPerImage} captions of 2..6 words {@code w3..w149} each.
     */
    static CaptionDataset csv(Path dir, String prefix, int images, int captionsPerImage, long seed) {
        Random r = new Random(seed);
        StringBuilder csv = new StringBuilder("image,caption\n");
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < images; i++) {
                String name = prefix + "_" + i + ".png";
                BufferedImage img = new BufferedImage(40, 36, BufferedImage.TYPE_INT_RGB);
                int tint = r.nextInt(0xFFFFFF);
                for (int y = 0; y < img.getHeight(); y++) {
                    for (int x = 0; x < img.getWidth(); x++) {
                        img.setRGB(x, y, (tint + r.nextInt(0x202020)) & 0xFFFFFF);
                    }
                }
                ImageIO.write(img, "png", dir.resolve(name).toFile());
                for (int c = 0; c < captionsPerImage; c++) {
                    StringBuilder cap = new StringBuilder();
                    int words = 2 + r.nextInt(5);
                    for (int w = 0; w < words; w++) {
                        cap.append(w == 0 ? "" : " ").append('w').append(3 + r.nextInt(147));
                    }
                    csv.append(name).append(',').append(cap).append('\n');
                }
            }
            Path file = dir.resolve(prefix + ".csv");
            Files.writeString(file, csv);
            return CaptionDataset.csv(file, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
