package dev.proctor.core.schedule;

import java.time.Instant;

/**
 * A run a schedule made, as the cluster shows it.
 *
 * @param scheduledAt the slot it was made for (or when it was asked for, for a manual run)
 * @param finished    its phase is final
 * @param succeeded   it finished Succeeded (Failed and Error count as failed)
 */
public record ScheduledRun(String name, Instant scheduledAt, boolean finished, boolean succeeded, boolean manual) {}
