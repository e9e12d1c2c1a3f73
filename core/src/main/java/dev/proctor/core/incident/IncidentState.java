package dev.proctor.core.incident;

/** Lifecycle of an incident. Moves only forward; Resolved is terminal. */
public enum IncidentState {
    Open, Acknowledged, Resolved;

    public boolean isTerminal() {
        return this == Resolved;
    }

    /** Open → Acknowledged → Resolved, and Open → Resolved; never back. */
    public boolean canMoveTo(IncidentState next) {
        return next.ordinal() > ordinal();
    }
}
