package dev.proctor.core.run;

import java.time.Instant;
import java.util.List;

/**
 * What the lifecycle rules concluded for a run at one instant.
 *
 * @param toDelete  attempts whose Job must be stopped: their final result is already recorded
 * @param verdict   the merged verdict once every shard is done, else null
 * @param recheckAt when to look again even if nothing changes (a stuck-pod deadline), or null
 */
public record Decision(RunPhase phase, List<ShardState> shards, List<JobRequest> toCreate,
                       List<JobRequest> toDelete, RunVerdict verdict, Instant recheckAt) {

    public long finishedShards() {
        return shards.stream().filter(ShardState::done).count();
    }
}
