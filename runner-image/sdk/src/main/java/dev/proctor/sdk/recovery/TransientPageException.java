package dev.proctor.sdk.recovery;

/** The page answered with an error the next try may not see (a gateway error, a dropped connection). */
public final class TransientPageException extends RuntimeException {
    public TransientPageException(String message) {
        super(message);
    }
}
