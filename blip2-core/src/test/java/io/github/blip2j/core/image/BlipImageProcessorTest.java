package io.github.blip2j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import io.github.blip2j.core.io.SafetensorsReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

/** The fixture's pixel_values and resized uint8 images, reproduced bit for bit. */
class BlipImageProcessorTest {

    @TempDir Path tmp;

    static Path fixture() {
        try {
            return Path.of(BlipImageProcessorTest.class.getResource("/blip2-tiny-t5/config.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BlipImageProcessor processor() {
        return BlipImageProcessor.fromConfig(fixture().resolve("preprocessor_config.json"));
    }

    @Test
    void configIsReadFromPreprocessorConfigJson() {
        BlipImageProcessor p = BlipImageProcessor.fromConfig(fixture());
        assertThat(p.height()).isEqualTo(32);
        assertThat(p.width()).isEqualTo(32);
        assertThat(p.resample()).isEqualTo(Resample.BICUBIC);
        assertThat(p.rescaleFactor()).isEqualTo(0.00392156862745098);
        assertThat(p.mean()).containsExactly(0.48145466f, 0.4578275f, 0.40821073f);
        assertThat(p.std()).containsExactly(0.26862954f, 0.26130258f, 0.27577711f);
    }

    @Test
    void resizedUint8ImagesEqualPillowExactly() {
        BlipImageProcessor p = processor();
        try (SafetensorsReader expected = SafetensorsReader.open(fixture().resolve("expected.safetensors"))) {
            for (int i = 0; i < 2; i++) {
                RgbImage resized = p.resize(RgbImage.read(fixture().resolve("image_" + i + ".png")));
                float[] want = expected.loadFloats("image_" + i + "_resized_uint8_as_f32"); // HWC
                float[] got = new float[want.length];
                byte[] b = resized.toByteArray();
                for (int j = 0; j < b.length; j++) {
                    got[j] = b[j] & 0xff;
                }
                assertThat(resized.width()).isEqualTo(32);
                assertThat(resized.height()).isEqualTo(32);
                assertThat(got).as("image_%d", i).containsExactly(want);
            }
        }
    }

    @Test
    void pixelValuesEqualTransformersBitForBit() {
        BlipImageProcessor p = processor();
        try (SafetensorsReader expected = SafetensorsReader.open(fixture().resolve("expected.safetensors"))) {
            float[] want = expected.loadFloats("pixel_values"); // [2,3,32,32]
            int per = 3 * 32 * 32;
            for (int i = 0; i < 2; i++) {
                float[] got = p.preprocess(fixture().resolve("image_" + i + ".png"));
                float[] ref = Arrays.copyOfRange(want, i * per, (i + 1) * per);
                assertThat(bits(got)).as("image_%d", i).containsExactly(bits(ref));
            }
        }
    }

    @Test
    void batchesEveryInputKindIntoOneArray() throws Exception {
        BlipImageProcessor p = processor();
        Path png0 = fixture().resolve("image_0.png");
        BufferedImage img1 = ImageIO.read(fixture().resolve("image_1.png").toFile());
        try (SafetensorsReader expected = SafetensorsReader.open(fixture().resolve("expected.safetensors"));
                NDManager m = NDManager.newBaseManager()) {
            NDArray batch = p.batch(List.of(png0, img1), m);
            assertThat(batch.getShape().getShape()).containsExactly(2, 3, 32, 32);
            assertThat(batch.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(bits(batch.toFloatArray())).containsExactly(bits(expected.loadFloats("pixel_values")));

            ai.djl.modality.cv.Image djl = BufferedImageFactory.getInstance().fromFile(png0);
            NDArray again = p.batch(List.of(djl, RgbImage.of(img1)), m);
            assertThat(again.toFloatArray()).containsExactly(batch.toFloatArray());
            assertThat(p.preprocess(djl)).containsExactly(p.preprocess(png0));
        }
    }

    @Test
    void badInputsNameTheProblem() throws Exception {
        BlipImageProcessor p = processor();
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> p.batch(List.of(fixture().resolve("image_0.png"), "not an image"), m))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("images[1]")
                    .hasMessageContaining("java.lang.String");
        }
        Path garbage = Files.writeString(tmp.resolve("x.png"), "nope");
        assertThatThrownBy(() -> p.preprocess(garbage)).hasMessageContaining(garbage.toString());
    }

    @Test
    void invalidConfigValuesFailWithFileAndKey() throws Exception {
        Path cfg = Files.writeString(tmp.resolve("preprocessor_config.json"),
                "{\"size\": {\"shortest_edge\": 224}, \"resample\": 3}");
        assertThatThrownBy(() -> BlipImageProcessor.fromConfig(cfg))
                .hasMessageContaining(cfg.toString())
                .hasMessageContaining("size");
        Files.writeString(cfg, "{\"resample\": 9}");
        assertThatThrownBy(() -> BlipImageProcessor.fromConfig(cfg)).hasMessageContaining("resample = 9");
        Files.writeString(cfg, "{\"image_std\": [0.2, 0, 0.3]}");
        assertThatThrownBy(() -> BlipImageProcessor.fromConfig(cfg)).hasMessageContaining("image_std");
        Files.writeString(cfg, "{\"image_processor_type\": \"CLIPImageProcessor\"}");
        assertThatThrownBy(() -> BlipImageProcessor.fromConfig(cfg)).hasMessageContaining("CLIPImageProcessor");
        Files.writeString(cfg, "{\"size\": 224, \"resample\": 2, \"image_mean\": 0.5, \"image_std\": 0.5}");
        BlipImageProcessor ok = BlipImageProcessor.fromConfig(cfg);
        assertThat(ok.height()).isEqualTo(224);
        assertThat(ok.resample()).isEqualTo(Resample.BILINEAR);
        assertThat(ok.mean()).containsExactly(0.5f, 0.5f, 0.5f);
        assertThatThrownBy(() -> BlipImageProcessor.builder().size(0, 10))
                .hasMessageContaining("size.height = 0");
    }

    @Test
    void defaultsAreThoseOfBlipImageProcessor() {
        BlipImageProcessor p = BlipImageProcessor.builder().build();
        assertThat(p.height()).isEqualTo(384);
        assertThat(p.width()).isEqualTo(384);
        assertThat(p.resample()).isEqualTo(Resample.BICUBIC);
        assertThat(p.doNormalize()).isTrue();
    }

    @Test
    void greyImagesAreReplicatedWithoutColourConversion() {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 100);
        grey.getRaster().setSample(1, 0, 0, 200);
        RgbImage rgb = RgbImage.of(grey);
        assertThat(rgb.toByteArray()).containsExactly(100, 100, 100, (byte) 200, (byte) 200, (byte) 200);
        BufferedImage argb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x10203040);
        assertThat(RgbImage.of(argb).toByteArray()).containsExactly(0x20, 0x30, 0x40);
    }

    private static int[] bits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToRawIntBits(v[i]);
        }
        return out;
    }
}
