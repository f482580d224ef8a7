package io.github.blip2j.core.model;

/**
 * Train / eval switch shared by every component of one model, like PyTorch's {@code module.train()}:
 * dropout is active only in training mode. Inference and parity checks run in eval mode (the default).
 */
public final class RunMode {

    private volatile boolean training;

    /** Whether dropout is active. */
    public boolean isTraining() {
        return training;
    }

    /** Switches dropout on (training) or off (eval). */
    public void setTraining(boolean training) {
        this.training = training;
    }
}
