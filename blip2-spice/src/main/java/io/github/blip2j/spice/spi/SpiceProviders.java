package io.github.blip2j.spice.spi;

import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the {@link SpiceProvider} on the class path; the lookup a metrics library performs. */
public final class SpiceProviders {

    /** What to tell a user whose class path has no provider. */
    public static final String MISSING_MESSAGE = "SPICE needs the optional module io.github.blip2j:blip2-spice "
        + "on the class path (it brings Stanford CoreNLP 3.6.0, GPL v3+, about 400 MB of models); "
        + "add it as a dependency, or leave SPICE out of the metrics";

    private SpiceProviders() {
    }

    /** The first provider found by {@link ServiceLoader} with this class's class loader, if any. */
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
