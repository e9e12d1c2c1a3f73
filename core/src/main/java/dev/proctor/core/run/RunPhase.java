package dev.proctor.core.run;

/** Lifecycle of a run. Moves only forward; the last three are terminal. */
public enum RunPhase {
    Pending(false), Running(false), Succeeded(true), Failed(true), Error(true);

    private final boolean terminal;

    RunPhase(boolean terminal) { this.terminal = terminal; }

    public boolean isTerminal() { return terminal; }

    /** A finished run never goes back; Pending may skip Running (everything can finish in one observation). */
    public boolean canMoveTo(RunPhase next) {
        if (this == next) return true;
        if (terminal) return false;
        return next.ordinal() > ordinal();
    }
}
