package dev.proctor.operator.sla;

import dev.proctor.core.incident.Incident;
import dev.proctor.core.policy.PolicyEvaluation;
import dev.proctor.core.sla.ObjectiveStatus;
import dev.proctor.core.sla.PairStatus;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SLA metrics: proctor_sla_incidents_open{namespace,policy}, proctor_sla_budget_remaining{…,objective},
 * proctor_sla_burn_rate{…,objective,window} (the pair's reference name, e.g. 1h/5m; NaN without data),
 * proctor_incident_time_to_detect_seconds and proctor_incident_time_to_resolve_seconds.
 */
@ApplicationScoped
public class SlaMetrics {
    private static final double[] BUCKETS = {60, 300, 900, 1800, 3600, 7200, 14400, 43200, 86400, 259200};

    /** A gauge's current value; the registry holds the gauge weakly, this map strongly. */
    static final class Value {
        volatile double value = Double.NaN;
    }

    private final MeterRegistry registry;
    private final Map<String, Value> values = new ConcurrentHashMap<>();
    private final DistributionSummary timeToDetect;
    private final DistributionSummary timeToResolve;

    public SlaMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.timeToDetect = DistributionSummary.builder("proctor.incident.time.to.detect").baseUnit("seconds")
                .description("First bad run of the streak to incident opened").serviceLevelObjectives(BUCKETS).register(registry);
        this.timeToResolve = DistributionSummary.builder("proctor.incident.time.to.resolve").baseUnit("seconds")
                .description("Incident opened to resolved").serviceLevelObjectives(BUCKETS).register(registry);
    }

    public void record(String namespace, String policy, PolicyEvaluation.Output out) {
        Tags base = Tags.of("namespace", namespace, "policy", policy);
        set("proctor.sla.incidents.open", base, out.state().book().active().size(), "Open or acknowledged incidents");
        for (ObjectiveStatus o : out.objectives()) {
            Tags t = base.and("objective", o.objective().name());
            set("proctor.sla.budget.remaining", t, o.budgetRemaining(), "Error budget remaining, 1 = untouched");
            for (PairStatus p : o.pairs()) {
                set("proctor.sla.burn.rate", t.and("window", p.pair().name()),
                        p.longTally().rate() == null ? Double.NaN : p.longTally().rate(), "Burn rate over the pair's long window");
            }
        }
        for (Incident i : out.opened()) timeToDetect.record(seconds(Duration.between(i.firstBadRunAt(), i.openedAt())));
        for (Incident i : out.resolved()) {
            if (i.resolvedAt() != null) timeToResolve.record(seconds(Duration.between(i.openedAt(), i.resolvedAt())));
        }
    }

    private void set(String name, Tags tags, double value, String description) {
        String id = name + tags;
        values.computeIfAbsent(id, k -> {
            Value v = new Value();
            // a gauge left by an earlier instance (same registry, e.g. Micrometer's global one) would read its values
            var stale = registry.find(name).tags(tags).gauge();
            if (stale != null) registry.remove(stale);
            Gauge.builder(name, v, x -> x.value).tags(tags).description(description).register(registry);
            return v;
        }).value = value;
    }

    private static double seconds(Duration d) {
        return Math.max(0, d.toMillis() / 1000.0);
    }
}
