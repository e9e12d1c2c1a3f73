package dev.proctor.core.run;

import java.util.List;

/**
 * A shard attempt the operator must create.
 *
 * @param include method keys to re-run (failed tests of the previous attempt); empty runs the shard's
 *                whole share of the plan
 */
public record JobRequest(int shard, int attempt, List<String> include) {
    public JobRequest {
        include = include == null ? List.of() : List.copyOf(include);
    }
}
