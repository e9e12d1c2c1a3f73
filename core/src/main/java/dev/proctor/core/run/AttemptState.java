package dev.proctor.core.run;

/**
 * Where one attempt of a shard stands. {@code Waiting} means no Job exists yet (no free slot under the
 * run's parallelism); the last four are final for that attempt.
 */
public enum AttemptState {
    Waiting(false), Pending(false), Running(false), Succeeded(true), TestsFailed(true), RunnerError(true), InfrastructureFailed(true);

    private final boolean finished;

    AttemptState(boolean finished) { this.finished = finished; }

    public boolean isFinished() { return finished; }
}
