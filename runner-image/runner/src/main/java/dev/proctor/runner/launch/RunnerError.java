package dev.proctor.runner.launch;

/**
 * The runner could not do its job — the plan is unreadable, nothing matched, an engine failed — as opposed to tests
 * failing. Ends the shard with exit code 2 and the message as the summary's {@code error}, so the message must say
 * what is wrong and what to fix.
 */
public final class RunnerError extends RuntimeException {
    public RunnerError(String message) {
        super(message);
    }

    public RunnerError(String message, Throwable cause) {
        super(message, cause);
    }
}
