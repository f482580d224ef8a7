package io.github.blip2j.examples.eval;

/** Unreadable or malformed evaluation input; the message is one line naming the file, line or image. */
public final class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
