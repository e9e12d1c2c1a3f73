package dev.proctor.core.plan;

/** JSON form of {@link RunPlan}: sorted keys, so the same plan is the same bytes everywhere. */
public final class RunPlanCodec {
    private RunPlanCodec() {}

    public static String encode(RunPlan plan) {
        throw new UnsupportedOperationException("contract: implemented in core");
    }

    /** @throws IllegalArgumentException with a message naming the bad field when the JSON is not a valid plan */
    public static RunPlan decode(String json) {
        throw new UnsupportedOperationException("contract: implemented in core");
    }
}
