package dev.proctor.operator.api.v1alpha1.schema;

import dev.proctor.core.plan.RunnerContract;

/**
 * What the operator puts into every shard pod itself, so a run may not declare it again: its volumes, the paths
 * it mounts them at (and their parents, which would hide them), and the env vars of the runner contract. Written
 * as CEL list literals for the CRD's rules; ReservedNamesTest checks them against the Job ShardJobs builds.
 */
public final class Reserved {
    public static final String PLAN_VOLUME = "plan";
    public static final String ARTIFACTS_VOLUME = "artifacts";
    public static final String TMP_VOLUME = "tmp";
    public static final String TMP_MOUNT = "/tmp";
    public static final String HOME = "HOME";

    /** The operator's volumes. */
    public static final String VOLUMES = "['" + PLAN_VOLUME + "', '" + ARTIFACTS_VOLUME + "', '" + TMP_VOLUME + "']";
    public static final String VOLUMES_MESSAGE = "plan, artifacts and tmp are the operator's own volumes";

    /** The operator's mount points, the termination log, and every directory above them. */
    public static final String MOUNT_PATHS = "['/etc', '/etc/proctor', '" + RunnerContract.PLAN_DIR + "', '"
            + RunnerContract.DEFAULT_ARTIFACTS_DIR + "', '" + TMP_MOUNT + "', '/dev', '"
            + RunnerContract.DEFAULT_TERMINATION_LOG + "']";
    /** Paths below which nothing can be mounted: the read-only plan volume and the termination-log file. */
    public static final String MOUNT_PATH_RULE = "!(self in " + MOUNT_PATHS + ") && !self.startsWith('"
            + RunnerContract.PLAN_DIR + "/') && !self.startsWith('" + RunnerContract.DEFAULT_TERMINATION_LOG + "/')";
    public static final String MOUNT_PATH_MESSAGE = "the operator mounts the plan at " + RunnerContract.PLAN_DIR
            + ", the artifacts at " + RunnerContract.DEFAULT_ARTIFACTS_DIR + " and a scratch volume at " + TMP_MOUNT
            + ", and the runner writes " + RunnerContract.DEFAULT_TERMINATION_LOG
            + ": a mount may not replace them, hide them or go inside the plan";

    /** Env vars the operator sets on the runner container. */
    public static final String ENV = "['" + RunnerContract.RUN + "', '" + RunnerContract.SUITE + "', '"
            + RunnerContract.SHARD_INDEX + "', '" + RunnerContract.SHARD_COUNT + "', '" + RunnerContract.ATTEMPT + "', '"
            + RunnerContract.PLAN_FILE + "', '" + RunnerContract.ARTIFACTS_DIR + "', '" + RunnerContract.TERMINATION_LOG
            + "', '" + RunnerContract.INCLUDE + "', '" + HOME + "']";
    public static final String ENV_RULE = "!(self in " + ENV + ")";
    public static final String ENV_MESSAGE = "the operator sets " + RunnerContract.RUN + ", " + RunnerContract.SUITE + ", "
            + RunnerContract.SHARD_INDEX + ", " + RunnerContract.SHARD_COUNT + ", " + RunnerContract.ATTEMPT + ", "
            + RunnerContract.PLAN_FILE + ", " + RunnerContract.ARTIFACTS_DIR + ", " + RunnerContract.TERMINATION_LOG + ", "
            + RunnerContract.INCLUDE + " and " + HOME + " itself";

    /** The one container of a shard pod. */
    public static final String CONTAINER = "runner";

    private Reserved() {}
}
