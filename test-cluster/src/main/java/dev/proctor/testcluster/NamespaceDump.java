package dev.proctor.testcluster;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints what explains a failed test on a cluster: every Job, Pod (with its container states) and Event of the
 * namespace, one line each, in the spirit of {@code kubectl get} plus {@code kubectl get events}.
 */
public final class NamespaceDump {
    private NamespaceDump() {}

    public static void print(KubernetesClient client, String namespace, String test, PrintStream out) {
        StringBuilder dump = new StringBuilder("\n==== namespace ").append(namespace).append(" after ").append(test).append(" failed\n");
        try {
            dump.append("-- jobs\n");
            for (Job job : sorted(client.batch().v1().jobs().inNamespace(namespace).list().getItems())) {
                dump.append(job.getMetadata().getName()).append("  conditions=")
                        .append(job.getStatus() == null || job.getStatus().getConditions() == null ? "[]"
                                : job.getStatus().getConditions().stream().map(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
                                .collect(Collectors.joining(",", "[", "]")))
                        .append(deleting(job)).append('\n');
            }
            dump.append("-- pods\n");
            for (Pod pod : sorted(client.pods().inNamespace(namespace).list().getItems())) {
                var status = pod.getStatus();
                dump.append(pod.getMetadata().getName()).append("  phase=").append(status == null ? null : status.getPhase())
                        .append(" reason=").append(status == null ? null : status.getReason())
                        .append(" node=").append(pod.getSpec().getNodeName())
                        .append(" containers=").append(status == null || status.getContainerStatuses() == null ? "[]"
                                : status.getContainerStatuses().stream().map(NamespaceDump::describe).collect(Collectors.joining(",", "[", "]")))
                        .append(deleting(pod)).append('\n');
            }
            dump.append("-- events\n");
            List<Event> events = client.v1().events().inNamespace(namespace).list().getItems();
            events.sort(Comparator.comparing(e -> String.valueOf(e.getLastTimestamp() != null ? e.getLastTimestamp() : e.getEventTime())));
            for (Event event : events) {
                dump.append(event.getLastTimestamp()).append(' ').append(event.getType()).append(' ').append(event.getReason())
                        .append(' ').append(event.getInvolvedObject().getKind()).append('/').append(event.getInvolvedObject().getName())
                        .append(": ").append(event.getMessage()).append('\n');
            }
        } catch (RuntimeException e) {
            dump.append("(could not read the namespace: ").append(e).append(")\n");
        }
        out.println(dump);
    }

    private static String describe(ContainerStatus c) {
        var state = c.getState();
        if (state == null) return c.getName() + ":?";
        if (state.getTerminated() != null) {
            return c.getName() + ":terminated(" + state.getTerminated().getExitCode() + "," + state.getTerminated().getReason() + ")";
        }
        if (state.getWaiting() != null) return c.getName() + ":waiting(" + state.getWaiting().getReason() + ")";
        return c.getName() + ":running";
    }

    private static String deleting(HasMetadata object) {
        return object.getMetadata().getDeletionTimestamp() == null ? "" : " (deleting)";
    }

    private static <T extends HasMetadata> List<T> sorted(List<T> items) {
        items.sort(Comparator.comparing(i -> i.getMetadata().getName()));
        return items;
    }
}
