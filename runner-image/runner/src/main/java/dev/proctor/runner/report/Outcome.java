package dev.proctor.runner.report;

/** How one attempt of one test ended. */
public enum Outcome {
    PASSED,
    FAILED,
    /** Disabled, or an assumption did not hold: neither passed nor failed. */
    SKIPPED
}
