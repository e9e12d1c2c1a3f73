package dev.proctor.core.sla;

import dev.proctor.core.time.GoDuration;
import java.time.Duration;

/** The runs an objective looks at: those finished within a span of time, or the last N of them. */
public sealed interface Window permits Window.Time, Window.Runs {

    /** The reference the SRE workbook's alert windows are written for. */
    Duration REFERENCE = Duration.ofDays(30);

    /** Human form used in labels and reports: "7d" style durations or "100 runs". */
    String describe();

    record Time(Duration span) implements Window {
        public Time {
            if (span == null || span.isNegative() || span.isZero()) throw new IllegalArgumentException("window must be positive");
        }

        @Override
        public String describe() {
            return GoDuration.format(span);
        }
    }

    record Runs(int count) implements Window {
        public Runs {
            if (count < 1) throw new IllegalArgumentException("a run-count window needs at least one run");
        }

        @Override
        public String describe() {
            return count == 1 ? "1 run" : count + " runs";
        }
    }

    static Window days(long days) {
        return new Time(Duration.ofDays(days));
    }

    static Window lastRuns(int count) {
        return new Runs(count);
    }
}
