package io.github.blip2j.core.io;

/**
 * A safetensors file or index is malformed, or a tensor in it cannot be loaded as asked. The
 * message names the file and, where there is one, the tensor.
 */
public class SafetensorsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message that names the file and tensor. */
    public SafetensorsException(String message) {
        super(message);
    }

    /** Creates an exception with a message that names the file and tensor, and its cause. */
    public SafetensorsException(String message, Throwable cause) {
        super(message, cause);
    }
}
