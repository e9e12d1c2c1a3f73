package dev.proctor.cli;

/**
 * What {@code proctor} exits with, one code per class of outcome, so scripts can tell them apart. 0, 1 and 2 mean
 * what {@code examples/ci/run-suite.sh} means by them (passed, tests failed, ended in error).
 */
public final class ExitCodes {
    /** Done; {@code watch}: the run passed. */
    public static final int OK = 0;
    /** {@code watch}: the run failed (tests failed, or an SLA gate was breached). */
    public static final int RUN_FAILED = 1;
    /** {@code watch}: the run ended in error (runner or infrastructure). */
    public static final int RUN_ERROR = 2;
    /** No such run (or nothing in it to act on, e.g. no failed tests to re-run). */
    public static final int NOT_FOUND = 3;
    /** The run has no artifact store, or the store holds no report (or junit.xml) for it yet. */
    public static final int NO_STORE = 4;
    /** The store did not answer, or refused (no such bucket, credentials refused). */
    public static final int STORE_UNREACHABLE = 5;
    /** {@code watch}: the run did not finish within --timeout. */
    public static final int TIMEOUT = 6;
    /** The Kubernetes API did not answer or refused the request (kubeconfig, RBAC). */
    public static final int CLUSTER = 7;
    /** Bad command line. */
    public static final int USAGE = 64;

    /** The table in every command's --help. */
    static final java.util.Map<String, String> HELP = help();

    private static java.util.Map<String, String> help() {
        java.util.Map<String, String> help = new java.util.LinkedHashMap<>();
        help.put(" " + OK, "done; watch: the run passed");
        help.put(" " + RUN_FAILED, "watch: the run failed (tests failed or a gate was breached)");
        help.put(" " + RUN_ERROR, "watch: the run ended in error");
        help.put(" " + NOT_FOUND, "no such run, or nothing to act on (no failed tests to re-run)");
        help.put(" " + NO_STORE, "no artifact store configured, or no report/junit.xml in it yet");
        help.put(" " + STORE_UNREACHABLE, "artifact store unreachable, or it refused (no such bucket, credentials)");
        help.put(" " + TIMEOUT, "watch: the run did not finish within --timeout");
        help.put(" " + CLUSTER, "Kubernetes API unreachable, or it refused the request");
        help.put(String.valueOf(USAGE), "bad command line");
        return java.util.Collections.unmodifiableMap(help);
    }

    private ExitCodes() {}
}
