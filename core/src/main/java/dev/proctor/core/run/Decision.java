package dev.proctor.core.run;

import java.time.Instant;
import java.util.List;

/**
 * What the lifecycle rules concluded for a run at one instant.
 *
 * @param toDelete  attempts whose Job must be stopped: their final result is already recorded
 * @param verdict   the merged verdict once every shard is done (with its SLA gate applied), else null
 * @param recheckAt when to look again even if nothing changes (a stuck-pod deadline), or null
 * @param gate      what the Gate-mode SLA policies selecting the run found once its verdict was made: null when none
 *                  selects it (or no verdict yet), empty when it complies
 */
public record Decision(RunPhase phase, List<ShardState> shards, List<JobRequest> toCreate,
                       List<JobRequest> toDelete, RunVerdict verdict, Instant recheckAt, List<SlaGate.Breach> gate) {

    public Decision(RunPhase phase, List<ShardState> shards, List<JobRequest> toCreate, List<JobRequest> toDelete,
                    RunVerdict verdict, Instant recheckAt) {
        this(phase, shards, toCreate, toDelete, verdict, recheckAt, null);
    }

    public long finishedShards() {
        return shards.stream().filter(ShardState::done).count();
    }
}
