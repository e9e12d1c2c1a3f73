package dev.proctor.operator.schedule;

import dev.proctor.operator.config.ProctorConfig;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time schedules run on: the operator's clock — or, for integration tests only, that clock sped up
 * ({@code proctor.schedules.time-scale}, counted from {@code proctor.schedules.time-origin}), so that a test sees a
 * day of five-minute slots in minutes of real time. Every replica given the same origin and scale agrees on the
 * time, so failover tests keep one timeline. In production the scale is 1 and this is the plain clock.
 */
@Singleton
public class ScheduleClock {
    private final Clock clock;
    private final double scale;
    private final Instant origin;

    public ScheduleClock(Clock clock, ProctorConfig config) {
        this.clock = clock;
        this.scale = config.schedules().timeScale();
        this.origin = config.schedules().timeOrigin().map(Instant::parse).orElse(Instant.EPOCH);
        if (!(scale > 0)) throw new IllegalArgumentException("proctor.schedules.time-scale must be > 0, was " + scale);
    }

    /** Schedule time now. */
    public Instant now() {
        return scheduleTime(clock.instant());
    }

    /** The schedule time of a real instant (e.g. a creation timestamp). */
    public Instant scheduleTime(Instant real) {
        if (scale == 1) return real;
        long elapsedMillis = real.toEpochMilli() - origin.toEpochMilli();
        return origin.plusMillis(Math.round(elapsedMillis * scale));
    }

    /** How long to wait, in real time, until a schedule time. */
    public Duration realDelayUntil(Instant scheduleTime) {
        Duration ahead = Duration.between(now(), scheduleTime);
        if (ahead.isNegative()) return Duration.ZERO;
        return scale == 1 ? ahead : Duration.ofMillis((long) Math.ceil(ahead.toMillis() / scale));
    }
}
