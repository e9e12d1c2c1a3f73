package dev.proctor.core.policy;

import dev.proctor.core.alert.AlertSettings;
import dev.proctor.core.incident.IncidentPolicy;
import dev.proctor.core.sla.BurnAlerting;
import dev.proctor.core.sla.Objective;
import java.util.List;
import java.util.Map;

/**
 * What an SLA policy asks for, as core's types: its objectives, how burn rates alert, how alerts are graded, how
 * incidents escalate and resolve, and how many runs its history keeps.
 *
 * @param labels labels every alert of the policy carries: namespace, policy and the spec's alertLabels
 */
public record PolicySettings(List<Objective> objectives, BurnAlerting alerting, AlertSettings alertSettings,
                             IncidentPolicy incidentPolicy, int capacity, Map<String, String> labels) {}
