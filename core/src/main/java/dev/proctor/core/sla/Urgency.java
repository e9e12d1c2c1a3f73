package dev.proctor.core.sla;

/** How soon a burn must be looked at, in the SRE workbook's terms; alert rules map it to a severity. */
public enum Urgency { Page, Ticket }
