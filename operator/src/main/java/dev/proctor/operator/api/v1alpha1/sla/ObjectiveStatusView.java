package dev.proctor.operator.api.v1alpha1.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** One objective as last evaluated. Numbers are strings so that equal evaluations are equal statuses. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectiveStatusView(
        String name,
        @JsonPropertyDescription("passRate, durationP95, durationP99 or flakyRate.") String kind,
        String target,
        String window,
        @JsonPropertyDescription("Current value; absent without data.") String value,
        @JsonPropertyDescription("Met, Breached or NoData.") String compliance,
        Boolean compliant,
        String budgetRemaining,
        List<BurnRateView> burnRates,
        @JsonPropertyDescription("Forecast of budget exhaustion at the current burn; absent when not burning.") String budgetExhaustedAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BurnRateView(String pair, String longWindow, String shortWindow, String longRate, String shortRate,
                               String factor, Boolean firing) {}
}
