package io.github.blip2j.spice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.blip2j.metrics.spice.SpiceCategory;
import io.github.blip2j.metrics.spice.SpiceCategoryScore;
import io.github.blip2j.metrics.spice.SpiceImageScore;
import io.github.blip2j.metrics.spice.SpiceProvider;
import io.github.blip2j.metrics.spice.SpiceProviders;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpiceProviderTest {

    @Test
    void serviceLoaderFindsThisModulesProvider() {
        SpiceProvider provider = SpiceProviders.require();
        assertThat(provider).isInstanceOf(CoreNlpSpiceProvider.class);
        assertThat(provider.description()).contains("CoreNLP 3.6.0");
    }

    @Test
    void returnsEveryCategoryOfSpiceDetail() {
        SpiceFixture.Image img = SpiceFixture.load("hand10").images().get(0);
        Map<String, SpiceImageScore> out = SpiceProviders.require()
            .score(Map.of(img.id(), img.refs()), Map.of(img.id(), img.candidate()), 1, null);
        assertThat(out).containsOnlyKeys(img.id());
        SpiceImageScore detail = out.get(img.id());
        for (SpiceCategory c : SpiceCategory.values()) {
            SpiceCategoryScore s = detail.get(c);
            double[] got = {s.precision(), s.recall(), s.f(), s.truePositives(), s.falsePositives(), s.falseNegatives()};
            double[] want = {img.expected(c, "pr"), img.expected(c, "re"), img.expected(c, "f"),
                img.expected(c, "tp"), img.expected(c, "fp"), img.expected(c, "fn")};
            assertThat(got).as("%s", c).containsExactly(want);   // NaN equals NaN here
        }
        assertThat(detail.spice()).isEqualTo(img.spice());
    }

    @Test
    void rejectsThreadsOutOfRange() {
        for (int threads : new int[] {0, -1, 257}) {
            assertThatThrownBy(() -> new CoreNlpSpiceProvider().score(Map.of(), Map.of(), threads, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads")
                .hasMessageContaining(Integer.toString(threads));
        }
    }
}
