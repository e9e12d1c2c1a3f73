package dev.proctor.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

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

    /**
     * A running run's progress (pods starting, shards finishing) is written to its status at most this often;
     * Jobs created or stopped, retries and the verdict are written at once. 0s writes every change.
     */
    @WithDefault("5s")
    Duration statusProgressInterval();

    /** Size limit of the default emptyDir artifacts volume. */
    @WithDefault("2Gi")
    String artifactsSizeLimit();

    /**
     * The run controller's Job and Pod caches keep only what the operator reads ({@code CachedObjects}). Off only to
     * measure what that saves (the scale benchmark's baseline); not offered by the Helm chart.
     */
    @WithDefault("true")
    boolean trimCachedObjects();

    /**
     * How many shard Jobs the operator creates at once, across all runs (a run's Jobs used to be created one after
     * another). 1 creates them in order and stops at the first the API server refuses. 30: a 200-run × 10-shard burst
     * gets all its Jobs within p99 555 ms (978 ms with 10) on the scale benchmark (docs/design.md, "Scale and cost").
     */
    @WithDefault("30")
    int jobCreatesInFlight();

    /**
     * Normal Events for shards and runs that succeed (the {@code Succeeded} verdict and {@code ShardFinished}). Off by
     * default: Events say what needs attention — failed shards, retries, a Failed or Error verdict, always emitted —
     * while success is in the run's status, its conditions and the metrics. On, they cost one API write per run and
     * one per progress interval (docs/design.md, "Scale and cost").
     */
    @WithDefault("false")
    boolean successEvents();

    LeaderElection leaderElection();

    Schedules schedules();

    interface Schedules {
        /**
         * For integration tests only: how much faster than the clock schedules run (60 = a minute of schedule time per
         * second). Not a production setting; the Helm chart does not offer it.
         */
        @WithDefault("1")
        double timeScale();

        /** For integration tests only: the instant (RFC 3339) from which a time scale other than 1 counts. */
        Optional<String> timeOrigin();
    }

    interface LeaderElection {
        /**
         * Namespace of the leader Lease. Unset: the client's namespace (in a cluster the pod's own, outside one the
         * kubeconfig context's), else {@code default}.
         */
        Optional<String> namespace();
    }

    /** Defaults for the shard pods of runs that do not set them (the Helm chart's runner.* values). */
    Runner runner();

    interface Runner {
        /**
         * Service account of the runner pods of a run that names none; its token is never mounted. Unset: the
         * namespace's default account (also without a token).
         */
        Optional<String> serviceAccountName();

        /** Resources of the runner container of a run that sets no spec.runner.resources (Kubernetes quantities). */
        Optional<String> cpuRequest();

        Optional<String> memoryRequest();

        Optional<String> cpuLimit();

        Optional<String> memoryLimit();
    }
}
