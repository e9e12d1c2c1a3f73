package dev.proctor.core.plan;

/**
 * The environment and paths through which the operator hands a shard to the runner, and through which a run's
 * pod may override the suite's environment. The operator, the runner, the SDK and the test tooling read these
 * names from here, so the contract is written once.
 */
public final class RunnerContract {
    public static final String SHARD_INDEX = "PROCTOR_SHARD_INDEX";
    public static final String SHARD_COUNT = "PROCTOR_SHARD_COUNT";
    public static final String RUN = "PROCTOR_RUN";
    public static final String SUITE = "PROCTOR_SUITE";
    public static final String ATTEMPT = "PROCTOR_ATTEMPT";
    public static final String PLAN_FILE = "PROCTOR_PLAN_FILE";
    public static final String ARTIFACTS_DIR = "PROCTOR_ARTIFACTS_DIR";
    public static final String TERMINATION_LOG = "PROCTOR_TERMINATION_LOG";
    /** Comma-separated method keys: a retry attempt runs only these (the failed tests of the attempt before). */
    public static final String INCLUDE = "PROCTOR_INCLUDE";

    /*
     * The artifact store (spec.artifacts.store): when STORE_BUCKET is set, the runner uploads everything in the
     * artifacts directory under STORE_KEY_PREFIX (the operator's choice for this shard attempt, ending in '/') when
     * the shard ends. The keys come from the named Secret through secretKeyRef: never a value in the Job's spec.
     */
    public static final String STORE_ENDPOINT = "PROCTOR_STORE_ENDPOINT";
    public static final String STORE_REGION = "PROCTOR_STORE_REGION";
    public static final String STORE_BUCKET = "PROCTOR_STORE_BUCKET";
    public static final String STORE_KEY_PREFIX = "PROCTOR_STORE_KEY_PREFIX";
    /** "true" for path-style URLs (http://host/bucket/key), as SeaweedFS and MinIO need; else virtual-hosted. */
    public static final String STORE_PATH_STYLE = "PROCTOR_STORE_PATH_STYLE";
    public static final String STORE_ACCESS_KEY_ID = "PROCTOR_STORE_ACCESS_KEY_ID";
    public static final String STORE_SECRET_ACCESS_KEY = "PROCTOR_STORE_SECRET_ACCESS_KEY";
    /** Attempts per file, the first included (default 5); backoff doubles from 200 ms, jittered. */
    public static final String STORE_ATTEMPTS = "PROCTOR_STORE_ATTEMPTS";

    /*
     * The run's reporter (the {@code <run>-report} Job): MODE=report makes the runner build the run's merged report
     * instead of running a shard. STORE_KEY_PREFIX is then the run's folder; REPORT_ATTEMPTS names the shard attempts
     * to read from it ("<shard>:<last attempt>", comma-separated: attempts 0 to the last of each shard);
     * REPORT_TREND_KEY is the suite's trend file; the verdict and times are the run's, for the report's summary.
     */
    public static final String MODE = "PROCTOR_MODE";
    public static final String MODE_REPORT = "report";
    public static final String REPORT_ATTEMPTS = "PROCTOR_REPORT_ATTEMPTS";
    public static final String REPORT_TREND_KEY = "PROCTOR_REPORT_TREND_KEY";
    public static final String REPORT_VERDICT = "PROCTOR_REPORT_VERDICT";
    public static final String REPORT_STARTED = "PROCTOR_REPORT_STARTED";
    public static final String REPORT_FINISHED = "PROCTOR_REPORT_FINISHED";
    /** Names of the env vars that hold the run's environment secrets, comma-separated: the reporter masks them. */
    public static final String REPORT_SECRET_ENV = "PROCTOR_REPORT_SECRET_ENV";
    /** The report's two files, under the run's folder. */
    public static final String REPORT_HTML = "report/index.html";
    public static final String REPORT_JUNIT = "report/junit.xml";

    /*
     * The suite's environment as the SDK reads it: the plan's spec.environment, overridden by these env vars when
     * the run's spec.runner.env (or a developer's shell) sets them. PROCTOR_FLAG_<NAME>, PROCTOR_VAR_<NAME> and
     * PROCTOR_API_<NAME> set one flag, variable or API base URL each.
     */
    public static final String ENV_NAME = "PROCTOR_ENV_NAME";
    public static final String REGION = "PROCTOR_REGION";
    public static final String BASE_URL = "PROCTOR_BASE_URL";
    public static final String FLAG_PREFIX = "PROCTOR_FLAG_";
    public static final String VAR_PREFIX = "PROCTOR_VAR_";
    public static final String API_PREFIX = "PROCTOR_API_";

    /** The plan ConfigMap is mounted here; its one key is {@link #PLAN_KEY}. */
    public static final String PLAN_DIR = "/etc/proctor/plan";
    public static final String PLAN_KEY = "plan.json";
    public static final String DEFAULT_PLAN_FILE = PLAN_DIR + "/" + PLAN_KEY;
    public static final String DEFAULT_ARTIFACTS_DIR = "/artifacts";
    public static final String DEFAULT_TERMINATION_LOG = "/dev/termination-log";

    private RunnerContract() {}
}
