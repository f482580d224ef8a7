package io.github.blip2j.core.model;

import io.github.blip2j.core.io.SafetensorsException;

/**
 * A checkpoint whose tensor names or shapes do not fit the config: a missing tensor, an unexpected
 * one, or a wrong shape. The message names the checkpoint and every offending tensor.
 */
public final class CheckpointMismatchException extends SafetensorsException {

    public CheckpointMismatchException(String message) {
        super(message);
    }
}
