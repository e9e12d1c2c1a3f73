package dev.proctor.core.alert;

/** Every alert Proctor raises; the name is the {@code alertname} label. */
public enum AlertType { RunFailed, RunError, FlakyTestDetected, SLOBurnRate, BudgetExhausted, IncidentEscalated }
