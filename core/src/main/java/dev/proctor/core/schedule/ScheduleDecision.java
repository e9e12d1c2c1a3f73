package dev.proctor.core.schedule;

import java.time.Instant;
import java.util.List;

/**
 * What a schedule must do now.
 *
 * @param create           runs to create (at most one for a slot, plus one asked for by hand)
 * @param stop             running runs that Replace stops for the new one
 * @param prune            finished runs beyond the history limits, oldest first
 * @param lastScheduleTime the latest slot handled (run, skipped or missed), or the earlier value
 * @param nextScheduleTime the next slot, or null when suspended or the schedule never fires again
 * @param missed           slots that passed without a run and without a skip (operator down, suspended, too late)
 * @param skipped          the slot Forbid skipped, or null
 * @param blockedBy        the runs that made Forbid skip it
 */
public record ScheduleDecision(List<NewRun> create, List<String> stop, List<String> prune, Instant lastScheduleTime,
                               Instant nextScheduleTime, long missed, Instant skipped, List<String> blockedBy) {

    /** A run to create, named from its slot so that no slot ever gets two. */
    public record NewRun(String name, Instant scheduledAt, boolean manual) {}

    /** When the schedule needs looking at again without anything else happening: its next slot. */
    public Instant wakeUpAt() {
        return nextScheduleTime;
    }
}
