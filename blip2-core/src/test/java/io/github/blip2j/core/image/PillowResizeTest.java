package io.github.blip2j.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Every Pillow filter at several sizes against outputs Pillow itself produced (see the README there). */
class PillowResizeTest {

    private static Path dir(String resource) {
        try {
            return Path.of(PillowResizeTest.class.getResource(resource).toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void matchesPillowForEveryFilterAndSize() throws Exception {
        Path refs = dir("/pillow-resize/cases.json");
        Path fixture = dir("/blip2-tiny-t5/image_0.png");
        JsonNode cases = new ObjectMapper().readTree(refs.resolve("cases.json").toFile()).get("cases");
        assertThat(cases.size()).isEqualTo(72);
        for (JsonNode c : cases) {
            String source = c.get("source").asText();
            RgbImage src = RgbImage.read((source.startsWith("image_") ? fixture : refs).resolve(source));
            Resample filter = Resample.parse(c.get("filter").asText());
            RgbImage got = PillowResize.resize(src, c.get("width").asInt(), c.get("height").asInt(), filter);
            RgbImage want = RgbImage.read(refs.resolve(c.get("expected").asText()));
            assertThat(got.width()).isEqualTo(want.width());
            assertThat(got.height()).isEqualTo(want.height());
            assertThat(got.toByteArray()).as(c.get("expected").asText()).containsExactly(want.toByteArray());
        }
    }

    @Test
    void sameSizeIsAnExactCopy() {
        byte[] px = new byte[4 * 3 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 37);
        }
        RgbImage img = RgbImage.of(4, 3, px);
        for (Resample r : Resample.values()) {
            assertThat(PillowResize.resize(img, 4, 3, r).toByteArray()).containsExactly(px);
        }
    }

    @Test
    void filterCodesAreThoseOfPillow() {
        assertThat(Resample.fromPil(3)).isEqualTo(Resample.BICUBIC);
        assertThat(Resample.fromPil(2)).isEqualTo(Resample.BILINEAR);
        assertThat(Resample.fromPil(0)).isEqualTo(Resample.NEAREST);
        assertThat(Resample.parse("Lanczos").pilCode()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Resample.fromPil(6))
                .hasMessageContaining("resample = 6");
    }
}
