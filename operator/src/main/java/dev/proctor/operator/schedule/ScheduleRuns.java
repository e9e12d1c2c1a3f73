package dev.proctor.operator.schedule;

import dev.proctor.core.run.RunPhase;
import dev.proctor.core.schedule.ScheduleDecision;
import dev.proctor.core.schedule.ScheduledRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunSpec;
import dev.proctor.operator.api.v1alpha1.TestSuiteSchedule;
import dev.proctor.operator.api.v1alpha1.TestSuiteScheduleSpec;
import dev.proctor.operator.naming.ProctorNames;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/** A schedule's runs: the TestSuiteRun made for a slot (a pure function of the schedule), and a run as core sees it. */
public final class ScheduleRuns {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private ScheduleRuns() {}

    /**
     * The run for {@code slot}: the template's spec, its labels plus {@code proctor.dev/schedule} and
     * {@code proctor.dev/suite}, its annotations plus when and why it was made, owned by the schedule (deleting the
     * schedule deletes its runs, and they theirs).
     */
    public static TestSuiteRun build(TestSuiteSchedule schedule, ScheduleDecision.NewRun slot) {
        TestSuiteScheduleSpec.RunTemplate template = schedule.getSpec().runTemplate;
        TestSuiteRunSpec spec = JSON.unmarshal(JSON.asJson(template.spec), TestSuiteRunSpec.class);
        Map<String, String> labels = new TreeMap<>();
        Map<String, String> annotations = new TreeMap<>();
        if (template.metadata != null && template.metadata.labels != null) labels.putAll(template.metadata.labels);
        if (template.metadata != null && template.metadata.annotations != null) annotations.putAll(template.metadata.annotations);
        labels.put(ProctorNames.LABEL_SCHEDULE, schedule.getMetadata().getName());
        labels.putIfAbsent(ProctorNames.LABEL_SUITE, spec.suite);
        annotations.put(ProctorNames.ANNOTATION_SCHEDULED_AT, slot.scheduledAt().toString());
        annotations.put(ProctorNames.ANNOTATION_TRIGGER, slot.manual() ? "manual" : "schedule");
        TestSuiteRun run = new TestSuiteRun();
        run.setMetadata(new ObjectMetaBuilder()
                .withName(slot.name())
                .withNamespace(schedule.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(schedule.getApiVersion())
                        .withKind(schedule.getKind())
                        .withName(schedule.getMetadata().getName())
                        .withUid(schedule.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(true)
                        .build())
                .build());
        run.setSpec(spec);
        run.setStatus(null);
        return run;
    }

    /** A run as the schedule's rules see it. */
    public static ScheduledRun of(TestSuiteRun run, ScheduleClock clock) {
        Map<String, String> annotations = run.getMetadata().getAnnotations() == null ? Map.of() : run.getMetadata().getAnnotations();
        RunPhase phase = run.getStatus() == null ? null : run.getStatus().phase;
        return new ScheduledRun(run.getMetadata().getName(), scheduledAt(run, annotations, clock), phase != null && phase.isTerminal(),
                phase == RunPhase.Succeeded, "manual".equals(annotations.get(ProctorNames.ANNOTATION_TRIGGER)));
    }

    private static Instant scheduledAt(TestSuiteRun run, Map<String, String> annotations, ScheduleClock clock) {
        try {
            String at = annotations.get(ProctorNames.ANNOTATION_SCHEDULED_AT);
            if (at != null) return Instant.parse(at);
        } catch (DateTimeParseException e) {
            // edited by hand: fall back to when the run was made
        }
        String created = run.getMetadata().getCreationTimestamp();
        return created == null ? clock.now() : clock.scheduleTime(Instant.parse(created));
    }
}
