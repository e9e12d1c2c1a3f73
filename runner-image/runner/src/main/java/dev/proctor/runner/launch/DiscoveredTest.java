package dev.proctor.runner.launch;

import dev.proctor.core.plan.TestId;

/** A plannable test as discovered: its engine-neutral id (whose uniqueId is the JUnit unique id). */
record DiscoveredTest(TestId id) {
    String uniqueId() {
        return id.uniqueId();
    }
}
