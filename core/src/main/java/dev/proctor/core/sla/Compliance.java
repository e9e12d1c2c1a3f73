package dev.proctor.core.sla;

/** Whether an objective holds over its window; NoData when the window holds no run that counts. */
public enum Compliance { Met, Breached, NoData }
