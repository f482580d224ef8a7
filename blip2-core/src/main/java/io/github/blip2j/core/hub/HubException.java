package io.github.blip2j.core.hub;

/**
 * A model cannot be resolved: not found locally or in the cache, offline mode forbids the network,
 * the server refused, or a download failed verification. The message says which model, file and
 * URL, and what to do.
 */
public class HubException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with an actionable message. */
    public HubException(String message) {
        super(message);
    }

    /** Creates an exception with an actionable message and its cause. */
    public HubException(String message, Throwable cause) {
        super(message, cause);
    }
}
