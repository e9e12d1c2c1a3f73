package dev.proctor.runner.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunnerSettingsTest {

    @Test
    void defaultsFollowTheOperatorContract() {
        RunnerSettings settings = RunnerSettings.fromEnv(Map.of());
        assertThat(settings.shardIndex()).isZero();
        assertThat(settings.shardCount()).isNull();
        assertThat(settings.planFile()).isEqualTo(Path.of("/etc/proctor/plan/plan.json"));
        assertThat(settings.artifactsDir()).isEqualTo(Path.of("/artifacts"));
        assertThat(settings.terminationLog()).isEqualTo(Path.of("/dev/termination-log"));
        assertThat(settings.include()).isEmpty();
    }

    @Test
    void includeOverrideIsACommaSeparatedListOfKeys() {
        RunnerSettings settings = RunnerSettings.fromEnv(Map.of("PROCTOR_INCLUDE", "a.B#c, d.E ,,"));
        assertThat(settings.include()).contains(Set.of("a.B#c", "d.E"));
    }

    @Test
    void aMalformedNumberNamesTheVariable() {
        assertThatThrownBy(() -> RunnerSettings.fromEnv(Map.of("PROCTOR_SHARD_INDEX", "one")))
                .isInstanceOf(RunnerError.class)
                .hasMessage("PROCTOR_SHARD_INDEX must be a non-negative integer, was 'one'");
    }
}
