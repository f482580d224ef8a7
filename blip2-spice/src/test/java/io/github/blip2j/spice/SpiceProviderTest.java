package io.github.blip2j.spice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.blip2j.spice.spi.SpiceProvider;
import io.github.blip2j.spice.spi.SpiceProviders;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
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
    void withoutTheModuleTheLookupSaysWhatToAdd() {
        // A class loader that sees neither this module nor its service registration.
        ClassLoader bare = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());
        assertThat(SpiceProviders.find(bare)).isEmpty();
        assertThatThrownBy(() -> SpiceProviders.require(bare))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("io.github.blip2j:blip2-spice");
    }

    @Test
    void returnsSpiceDetailInSpiceJsonLayout() {
        SpiceFixture.Image img = SpiceFixture.load("hand10").images().get(0);
        Map<String, Map<String, Map<String, Double>>> out = SpiceProviders.require()
            .score(Map.of(img.id(), img.refs()), Map.of(img.id(), img.candidate()), 0, null);
        assertThat(out).containsOnlyKeys(img.id());
        Map<String, Map<String, Double>> detail = out.get(img.id());
        assertThat(detail).containsOnlyKeys("All", "Object", "Attribute", "Relation", "Cardinality", "Color", "Size");
        for (SpiceCategory c : SpiceCategory.values()) {
            Map<String, Double> fields = detail.get(c.jsonName());
            assertThat(fields).containsOnlyKeys("pr", "re", "f", "tp", "fp", "fn", "numImages");
            for (String field : List.of("pr", "re", "f", "tp", "fp", "fn")) {
                double want = img.expected(c, field);
                if (Double.isNaN(want)) {
                    assertThat(fields.get(field)).as("%s.%s", c, field).isNaN();
                } else {
                    assertThat(fields.get(field)).as("%s.%s", c, field).isEqualTo(want);
                }
            }
            assertThat(fields.get("numImages")).isEqualTo(1.0);
        }
    }

    @Test
    void rejectsNegativeThreads() {
        assertThatThrownBy(() -> new CoreNlpSpiceProvider().score(Map.of(), Map.of(), -1, null))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("threads")
            .hasMessageContaining("-1");
    }
}
