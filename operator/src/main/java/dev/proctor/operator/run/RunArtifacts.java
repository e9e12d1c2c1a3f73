package dev.proctor.operator.run;

import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.StoreUpload;
import dev.proctor.core.run.ShardState;
import dev.proctor.operator.api.v1alpha1.ArtifactStoreSpec;
import dev.proctor.operator.api.v1alpha1.ArtifactsStatus;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's {@code status.artifacts} and its {@code ArtifactsStored} condition, from the shards' summaries: the
 * runner reports what its upload came to, and the operator never talks to the store (nor holds its credentials).
 */
final class RunArtifacts {
    static final String UPLOADED = "Uploaded";
    static final String UPLOAD_INCOMPLETE = "UploadIncomplete";
    /** The namespace's default store (ConfigMap proctor-artifact-store) was not valid when the run started. */
    static final String STORE_INVALID = "StoreConfigInvalid";
    /** A finished shard whose summary says nothing of an upload: its runner ended before the upload did. */
    static final String NOT_REPORTED = "no upload reported: the runner ended before its upload finished, or never started";

    private RunArtifacts() {}

    /** Where each shard's current attempt uploads to and how that went; null when the run sets no store. */
    static ArtifactsStatus status(TestSuiteRun run, RunStores.Store resolved, List<ShardState> shards) {
        if (!resolved.present()) return null;
        ArtifactStoreSpec store = resolved.spec();
        String namespace = run.getMetadata().getNamespace();
        String name = run.getMetadata().getName();
        ArtifactsStatus status = new ArtifactsStatus();
        status.source = resolved.source();
        if (ArtifactsStatus.SOURCE_NAMESPACE.equals(resolved.source())) status.settings = store;
        status.endpoint = store.endpoint;
        status.bucket = store.bucket;
        status.location = "s3://" + store.bucket + "/" + ProctorNames.artifactsRunPrefix(store.prefix, namespace, name);
        List<ArtifactsStatus.Shard> out = new ArrayList<>();
        for (ShardState shard : shards) {
            ArtifactsStatus.Shard s = new ArtifactsStatus.Shard();
            s.index = shard.shard();
            s.attempt = shard.attempt();
            s.location = "s3://" + store.bucket + "/"
                    + ProctorNames.artifactsKeyPrefix(store.prefix, namespace, name, shard.shard(), shard.attempt());
            StoreUpload upload = shard.summary() == null ? null : shard.summary().store();
            if (upload != null) {
                s.uploaded = upload.uploaded();
                s.missing = upload.missing();
                s.reason = upload.reason();
            } else if (shard.state().isFinished()) {
                s.reason = NOT_REPORTED;
            }
            out.add(s);
        }
        status.shards = out;
        return status;
    }

    /** ArtifactsStored over the finished shards; null before any has finished, or without a store. */
    static Condition condition(List<Condition> previous, ArtifactsStatus artifacts, List<ShardState> shards,
                               long generation, Instant now) {
        if (artifacts == null) return null;
        List<String> missing = new ArrayList<>();
        int finished = 0;
        for (int i = 0; i < shards.size(); i++) {
            if (!shards.get(i).state().isFinished()) continue;
            finished++;
            ArtifactsStatus.Shard s = artifacts.shards.get(i);
            if (s.uploaded == null) {
                missing.add("shard " + s.index + " attempt " + s.attempt + ": " + s.reason);
            } else if (s.missing != null && s.missing > 0) {
                missing.add("shard " + s.index + " attempt " + s.attempt + ": " + s.missing + " of "
                        + (s.uploaded + s.missing) + " files missing (" + s.reason + ")");
            }
        }
        if (finished == 0) return null;
        if (missing.isEmpty()) {
            return Conditions.condition(previous, RunStatusAggregator.ARTIFACTS_STORED, true, UPLOADED,
                    "artifacts of " + finished + " of " + shards.size() + " shards stored in " + artifacts.location,
                    generation, now);
        }
        return Conditions.condition(previous, RunStatusAggregator.ARTIFACTS_STORED, false, UPLOAD_INCOMPLETE,
                String.join("; ", missing), generation, now);
    }

    /** A recorded shard with the upload its status recorded, so a decision from recorded shards keeps it. */
    static ShardState withUpload(ShardState shard, ArtifactsStatus artifacts) {
        if (artifacts == null || artifacts.shards == null || shard.summary() == null) return shard;
        for (ArtifactsStatus.Shard s : artifacts.shards) {
            if (s.index != shard.shard() || s.attempt != shard.attempt() || s.uploaded == null) continue;
            ShardSummary summary = shard.summary().withStore(new StoreUpload(s.uploaded, s.missing == null ? 0 : s.missing, s.reason));
            return new ShardState(shard.shard(), shard.attempt(), shard.state(), shard.done(), summary, shard.reason(),
                    shard.message(), shard.startedAt(), shard.finishedAt(), shard.node());
        }
        return shard;
    }
}
