package io.github.blip2j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blip2j.core.model.TinyT5Fixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Long runs and concurrent callers: no native memory growth, same captions as one sequential caller. */
class CaptionerConcurrencyTest {

    private static final Path DIR = TinyT5Fixture.dir();
    private static final List<Object> IMAGES = List.of(DIR.resolve("image_0.png"), DIR.resolve("image_1.png"));

    @Test
    void sixtyCaptionsLeaveTheModelsManagerAsItWas() {
        try (Captioner c = Captioner.builder().model(DIR).numBeams(3).numReturnSequences(2).maxNewTokens(12).build()) {
            List<Caption> first = c.caption(IMAGES);
            int arrays = c.model().manager().getManagedArrays().size();
            for (int i = 0; i < 60; i++) {
                List<Caption> again = c.caption(IMAGES);
                assertThat(again.get(i % again.size()).tokenIds()).containsExactly(first.get(i % again.size()).tokenIds());
            }
            assertThat(c.model().manager().getManagedArrays()).hasSize(arrays);
        }
    }

    @Test
    void concurrentCallersGetTheSequentialResults() throws Exception {
        try (Captioner c = Captioner.builder().model(DIR).numBeams(3).maxNewTokens(12).batchSize(1).build()) {
            List<Caption> reference = c.caption(IMAGES);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<Caption>>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    futures.add(pool.submit(() -> c.caption(IMAGES)));
                }
                for (Future<List<Caption>> f : futures) {
                    List<Caption> got = f.get();
                    for (int i = 0; i < reference.size(); i++) {
                        assertThat(got.get(i).tokenIds()).containsExactly(reference.get(i).tokenIds());
                        assertThat(got.get(i).score()).isEqualTo(reference.get(i).score());
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
