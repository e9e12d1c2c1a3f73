package dev.proctor.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
    @Test
    void parsesTheFormsUsersWrite() {
        assertThat(GoDuration.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("7d")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void refusesWhatTheCrdPatternRefuses() {
        for (String bad : new String[] {"", "5", "m5", "5 m", "-5s", "5sec", "1h-2m"}) {
            assertThatThrownBy(() -> GoDuration.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a duration");
        }
    }

    @Test
    void formatsCompactly() {
        assertThat(GoDuration.format(Duration.ofSeconds(0))).isEqualTo("0s");
        assertThat(GoDuration.format(Duration.ofSeconds(192))).isEqualTo("3m12s");
        assertThat(GoDuration.format(Duration.ofMinutes(65))).isEqualTo("1h5m");
    }
}
