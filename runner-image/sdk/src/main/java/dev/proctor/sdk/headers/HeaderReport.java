package dev.proctor.sdk.headers;

import java.util.List;
import java.util.stream.Collectors;

/** The security headers of one response, judged. */
public record HeaderReport(String url, List<HeaderFinding> findings) {
    public HeaderReport {
        findings = List.copyOf(findings);
    }

    public boolean has(HeaderFinding.Kind kind) {
        return findings.stream().anyMatch(f -> f.kind() == kind);
    }

    /** Fails listing every finding. */
    public HeaderReport assertSecure() {
        if (!findings.isEmpty()) {
            throw new AssertionError("insecure response from " + url + ":\n  "
                    + findings.stream().map(HeaderFinding::toString).collect(Collectors.joining("\n  ")));
        }
        return this;
    }
}
