package dev.proctor.operator.config;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Whether this operator has begun to stop. Set before anything else reacts to the shutdown — in particular before
 * the Operator SDK stops the informers, which empties their caches while reconciles already running go on — so a
 * reconcile that checks it after reading the caches never acts on a half-emptied view: it could otherwise see a
 * run's Jobs without their pods and stop Jobs that had long finished (found by RestartLoopIT: a finished shard's
 * Job deleted 280 ms after SIGTERM). The next leader reconciles every run from a full list anyway.
 */
@ApplicationScoped
public class Stopping {
    private volatile boolean stopping;

    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopping = true;
    }

    public boolean now() {
        return stopping;
    }
}
