package io.github.blip2j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class RelativePositionBiasTest {

    private static void check(JsonNode positions, JsonNode table, int buckets, int maxDistance) {
        for (int i = 0; i < positions.size(); i++) {
            int rel = positions.get(i).asInt();
            assertThat(RelativePositionBias.bucket(rel, true, buckets, maxDistance))
                    .as("bidirectional %d/%d at %d", buckets, maxDistance, rel)
                    .isEqualTo(table.get("bidirectional").get(i).asInt());
            assertThat(RelativePositionBias.bucket(rel, false, buckets, maxDistance))
                    .as("unidirectional %d/%d at %d", buckets, maxDistance, rel)
                    .isEqualTo(table.get("unidirectional").get(i).asInt());
        }
    }

    @Test
    void bucketsMatchHuggingFaceTables() {
        JsonNode t = TinyT5Fixture.expected().get("t5_relative_position_buckets");
        check(t.get("relative_position"), t.get("model"), 16, 40);
        JsonNode flan = t.get("flan_default_32_128");
        check(t.get("relative_position"), flan, 32, 128);
        check(flan.get("sparse").get("relative_position"), flan.get("sparse"), 32, 128);
    }
}
