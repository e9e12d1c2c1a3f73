package dev.proctor.operator.run;

import dev.proctor.core.run.ApiFailure;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Why a reconcile failed, as the run's {@code Retrying} condition says it: a CamelCase reason and a bounded message. */
record RetryCause(String reason, String message) {
    private static final int MAX_MESSAGE = 1024;

    static RetryCause of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RunWrites.TransientWriteFailure w) return new RetryCause(w.failure.reason(), bounded(w.getMessage()));
            if (t instanceof KubernetesClientException k) {
                ApiFailure failure = RunWrites.failureOf(k);
                return new RetryCause(failure.reason(), bounded(failure.message()));
            }
        }
        return new RetryCause("ReconcileError", bounded(e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    private static String bounded(String text) {
        if (text == null) return "";
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }
}
