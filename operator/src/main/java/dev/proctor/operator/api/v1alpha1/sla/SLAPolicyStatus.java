package dev.proctor.operator.api.v1alpha1.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * Written only by the operator. Bounded: the run ring, the incident book and the dispatcher's state live in the
 * policy's state ConfigMap; the status shows a fixed-size view of them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SLAPolicyStatus {
    public Long observedGeneration;
    @JsonPropertyDescription("Ready (the policy is evaluated), Compliant (every objective is met) and NotificationsDelivered (every receiver took its last notification).")
    public List<Condition> conditions = new ArrayList<>();
    @JsonPropertyDescription("True when every objective with data is met.")
    public Boolean compliant;
    @JsonPropertyDescription("Lowest error budget remaining over the objectives, e.g. 87.5%.")
    public String budgetRemaining;
    @JsonPropertyDescription("Highest burn rate over the objectives' 1h (reference) burn window, e.g. 2.3.")
    public String burnRate1h;
    public Integer openIncidents;
    @JsonPropertyDescription("Finished runs in the history ring.")
    public Integer runsInHistory;
    public String lastRun;
    @JsonPropertyDescription("Name of the ConfigMap holding the run ring, incidents, dispatch state and outbox.")
    public String stateConfigMap;
    @JsonPropertyDescription("Notifications waiting for delivery (kept in the state ConfigMap until delivered).")
    public Integer pendingNotifications;
    public List<ObjectiveStatusView> objectives;
    @JsonPropertyDescription("Active incidents and the most recent resolved ones, newest first.")
    public List<IncidentView> incidents;
    @JsonPropertyDescription("Incident ids whose acknowledge annotation was handled, with the outcome.")
    public String lastAcknowledge;
}
