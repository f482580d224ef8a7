package io.github.blip2j.metrics.spice;

import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the {@link SpiceProvider} on the class path. */
public final class SpiceProviders {

    /** The artifact that provides SPICE, as Maven coordinates. */
    public static final String ARTIFACT = "io.github.blip2j:blip2-spice:0.1.0-SNAPSHOT";

    /** What a user whose class path has no provider is told. */
    public static final String MISSING_MESSAGE = "SPICE needs the optional module " + ARTIFACT
            + " on the class path (Maven: <dependency><groupId>io.github.blip2j</groupId>"
            + "<artifactId>blip2-spice</artifactId><version>0.1.0-SNAPSHOT</version></dependency>). "
            + "It is separate from blip2-metrics because its parser, Stanford CoreNLP 3.6.0, is GPL v3+ "
            + "and brings about 400 MB of models; add it, or leave SPICE out of the metrics";

    private SpiceProviders() {
    }

    /** The first provider {@link ServiceLoader} finds with this class's class loader, if any. */
    public static Optional<SpiceProvider> find() {
        return find(SpiceProviders.class.getClassLoader());
    }

    /** The first provider that {@code loader} sees, if any. */
    public static Optional<SpiceProvider> find(ClassLoader loader) {
        return ServiceLoader.load(SpiceProvider.class, loader).findFirst();
    }

    /**
     * The first provider found.
     *
     * @throws IllegalStateException with {@link #MISSING_MESSAGE} when there is none
     */
    public static SpiceProvider require() {
        return require(SpiceProviders.class.getClassLoader());
    }

    /**
     * The first provider that {@code loader} sees.
     *
     * @throws IllegalStateException with {@link #MISSING_MESSAGE} when there is none
     */
    public static SpiceProvider require(ClassLoader loader) {
        return find(loader).orElseThrow(() -> new IllegalStateException(MISSING_MESSAGE));
    }
}
