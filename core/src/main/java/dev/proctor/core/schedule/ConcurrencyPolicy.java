package dev.proctor.core.schedule;

/** What a schedule does when a slot comes while one of its runs is still going (as CronJob's concurrencyPolicy). */
public enum ConcurrencyPolicy {
    /** Start the new run beside it. */
    Allow,
    /** Skip the slot; the running run finishes undisturbed. */
    Forbid,
    /** Stop the running run and start the new one. */
    Replace
}
