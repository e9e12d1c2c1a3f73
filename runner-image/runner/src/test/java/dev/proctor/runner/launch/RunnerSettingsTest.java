package dev.proctor.runner.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunnerSettingsTest {

    @Test
    void outsideAPodNothingGoesToThePodsPathsUnlessAsked() {
        RunnerSettings settings = RunnerSettings.from(new String[] {"--tests", "target/test-classes", "--shards", "4",
                "--index", "1"}, Map.of());
        assertThat(settings.planFile()).isNull();
        assertThat(settings.artifactsDir()).isEqualTo(Path.of("proctor-out/shard-1"));
        assertThat(settings.terminationLog()).isEqualTo(Path.of("proctor-out/shard-1/summary.json"));
        assertThat(settings.local().shards()).isEqualTo(4);
        assertThat(settings.testRoots()).containsExactly(Path.of("target/test-classes"));
        assertThat(RunnerSettings.fromEnv(Map.of()).terminationLog()).isEqualTo(Path.of("proctor-out/shard-0/summary.json"));
        assertThat(RunnerSettings.fromEnv(Map.of("PROCTOR_TERMINATION_LOG", "/dev/termination-log")).terminationLog())
                .isEqualTo(Path.of("/dev/termination-log"));
    }

    @Test
    void optionsAreCheckedAndNamed() {
        assertThatThrownBy(() -> RunnerSettings.from(new String[] {"--shard", "2"}, Map.of()))
                .hasMessageStartingWith("unknown option --shard");
        assertThatThrownBy(() -> RunnerSettings.from(new String[] {"--strategy", "fastest"}, Map.of()))
                .hasMessage("--strategy must be one of RoundRobin, DurationBalanced, was 'fastest'");
        assertThat(RunnerSettings.from(new String[] {"--strategy=durationbalanced"}, Map.of()).local().strategy())
                .isEqualTo(dev.proctor.core.plan.Strategy.DURATION_BALANCED);
    }

    @Test
    void defaultsFollowTheOperatorContract() {
        RunnerSettings settings = RunnerSettings.fromEnv(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"));
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
