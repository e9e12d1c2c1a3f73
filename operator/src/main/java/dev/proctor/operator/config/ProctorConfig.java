package dev.proctor.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Operator-wide settings (application.properties or PROCTOR_* env vars). */
@ConfigMapping(prefix = "proctor")
public interface ProctorConfig {

    /** How long a shard pod may wait on an image pull or a bad configuration before its attempt fails. */
    @WithDefault("5m")
    Duration stuckPodGrace();

    /** Failed test names kept in a run's status; the rest are counted. */
    @WithDefault("50")
    int maxFailedTests();

    /** Deadline of a shard attempt when the run sets no spec.timeout. */
    @WithDefault("1h")
    Duration defaultShardTimeout();

    /** Size limit of the default emptyDir artifacts volume. */
    @WithDefault("2Gi")
    String artifactsSizeLimit();
}
