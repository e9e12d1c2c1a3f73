package dev.proctor.operator.testing;

import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.naming.ProctorNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * A reconcile context that reads a run's Jobs and Pods straight from the API server, as a freshly started
 * operator's caches would hold them. Lets a test drive a second, brand-new reconciler instance.
 */
public final class ClusterContext implements Context<TestSuiteRun> {
    private final KubernetesClient client;
    private final TestSuiteRun run;

    public ClusterContext(KubernetesClient client, TestSuiteRun run) {
        this.client = client;
        this.run = run;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> Set<R> getSecondaryResources(Class<R> type) {
        String ns = run.getMetadata().getNamespace();
        String name = run.getMetadata().getName();
        if (type == Job.class) {
            return (Set<R>) new HashSet<>(client.batch().v1().jobs().inNamespace(ns).withLabel(ProctorNames.LABEL_RUN, name).list().getItems());
        }
        if (type == Pod.class) {
            return (Set<R>) new HashSet<>(client.pods().inNamespace(ns).withLabel(ProctorNames.LABEL_RUN, name).list().getItems());
        }
        return Set.of();
    }

    @Override
    public <R> Optional<R> getSecondaryResource(Class<R> type, String eventSourceName) {
        return getSecondaryResources(type).stream().findFirst();
    }

    @Override
    public Optional<RetryInfo> getRetryInfo() {
        return Optional.empty();
    }

    @Override
    public ControllerConfiguration<TestSuiteRun> getControllerConfiguration() {
        return null;
    }

    @Override
    public ManagedWorkflowAndDependentResourceContext managedWorkflowAndDependentResourceContext() {
        return null;
    }

    @Override
    public EventSourceRetriever<TestSuiteRun> eventSourceRetriever() {
        return null;
    }

    @Override
    public KubernetesClient getClient() {
        return client;
    }

    @Override
    public ExecutorService getWorkflowExecutorService() {
        return null;
    }

    @Override
    public TestSuiteRun getPrimaryResource() {
        return run;
    }

    @Override
    public IndexedResourceCache<TestSuiteRun> getPrimaryCache() {
        return null;
    }

    @Override
    public boolean isNextReconciliationImminent() {
        return false;
    }

    @Override
    public boolean isPrimaryResourceDeleted() {
        return false;
    }

    @Override
    public boolean isPrimaryResourceFinalStateUnknown() {
        return false;
    }
}
