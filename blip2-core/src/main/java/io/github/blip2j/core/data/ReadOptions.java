package io.github.blip2j.core.data;

import java.util.Objects;

/**
 * How a {@link CaptionDataset} reader treats captions, bad rows and images.
 * Defaults: {@link BadRowPolicy#FAIL}, no caption cleaning, {@link ImageCheck#HEADER}.
 */
public final class ReadOptions {

    private final BadRowPolicy policy;
    private final CaptionCleaner cleaner;
    private final ImageCheck imageCheck;

    private ReadOptions(Builder b) {
        this.policy = b.policy;
        this.cleaner = b.cleaner;
        this.imageCheck = b.imageCheck;
    }

    public static ReadOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public BadRowPolicy policy() {
        return policy;
    }

    public CaptionCleaner cleaner() {
        return cleaner;
    }

    public ImageCheck imageCheck() {
        return imageCheck;
    }

    /** Builder with the defaults above. */
    public static final class Builder {
        private BadRowPolicy policy = BadRowPolicy.FAIL;
        private CaptionCleaner cleaner = CaptionCleaner.none();
        private ImageCheck imageCheck = ImageCheck.HEADER;

        private Builder() {
        }

        public Builder policy(BadRowPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder cleaner(CaptionCleaner cleaner) {
            this.cleaner = Objects.requireNonNull(cleaner, "cleaner");
            return this;
        }

        public Builder imageCheck(ImageCheck imageCheck) {
            this.imageCheck = Objects.requireNonNull(imageCheck, "imageCheck");
            return this;
        }

        public ReadOptions build() {
            return new ReadOptions(this);
        }
    }
}
