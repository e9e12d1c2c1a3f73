package dev.proctor.operator.sla;

import dev.proctor.core.run.RunPhase;
import dev.proctor.operator.api.v1alpha1.AlertRoute;
import dev.proctor.operator.api.v1alpha1.RunnerSpec;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunSpec;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import dev.proctor.operator.api.v1alpha1.sla.GroupingSpec;
import dev.proctor.operator.api.v1alpha1.sla.ObjectiveSpec;
import dev.proctor.operator.api.v1alpha1.sla.ReceiverSpec;
import dev.proctor.operator.api.v1alpha1.sla.SLAPolicySpec;
import dev.proctor.operator.naming.ProctorNames;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builders for the SLA tests' objects. */
public final class SlaFixtures {
    private SlaFixtures() {}

    /** A run as the run reconciler leaves it when it has finished. */
    public static TestSuiteRun finishedRun(String ns, String name, String suite, RunPhase phase, Instant at, int tests, int failed) {
        TestSuiteRun run = new TestSuiteRun();
        run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns)
                .withLabels(Map.of(ProctorNames.LABEL_SUITE, suite)).build());
        TestSuiteRunSpec spec = new TestSuiteRunSpec();
        spec.suite = suite;
        spec.runner = new RunnerSpec();
        spec.runner.image = "registry.example/proctor/techshop-suite:1";
        run.setSpec(spec);
        TestSuiteRunStatus s = new TestSuiteRunStatus();
        s.phase = phase;
        s.reason = phase == RunPhase.Succeeded ? "AllTestsPassed" : "TestsFailed";
        s.totals = new TestSuiteRunStatus.Totals();
        s.totals.tests = tests;
        s.totals.failed = failed;
        s.totals.passed = tests - failed;
        s.failedTests = failed > 0 ? List.of("shop.CheckoutTest#pays") : List.of();
        s.completionTime = at.toString();
        s.startTime = at.minusSeconds(60).toString();
        s.durationSeconds = 60L;
        s.planConfigMap = name + "-plan";
        s.historyRecorded = true;
        run.setStatus(s);
        return run;
    }

    public static SLAPolicy policy(String ns, String name, String suite, double passRate) {
        SLAPolicy p = new SLAPolicy();
        p.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        SLAPolicySpec spec = new SLAPolicySpec();
        spec.selector = new LabelSelectorBuilder().addToMatchLabels(ProctorNames.LABEL_SUITE, suite).build();
        ObjectiveSpec o = new ObjectiveSpec();
        o.passRate = passRate;
        o.window = "7d";
        spec.objectives = List.of(o);
        p.setSpec(spec);
        return p;
    }

    public static AlertRoute webhookRoute(String ns, String name, String secret, boolean signed) {
        ReceiverSpec r = new ReceiverSpec();
        r.name = "hook";
        r.webhook = new ReceiverSpec.Webhook();
        r.webhook.urlSecretKeyRef = new SecretKeySelector("url", secret, false);
        if (signed) r.webhook.signingKeySecretKeyRef = new SecretKeySelector("signing-key", secret, false);
        return route(ns, name, r);
    }

    public static AlertRoute route(String ns, String name, ReceiverSpec... receivers) {
        AlertRoute route = new AlertRoute();
        route.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        route.setSpec(new dev.proctor.operator.api.v1alpha1.sla.AlertRouteSpec());
        route.getSpec().receivers = List.of(receivers);
        route.getSpec().grouping = new GroupingSpec();
        route.getSpec().grouping.groupWait = "0s";
        route.getSpec().grouping.groupInterval = "1s";
        return route;
    }
}
