package dev.proctor.core.sla;

import java.util.Objects;

/**
 * One objective of an SLAPolicy.
 *
 * @param name   unique within the policy; defaults to the kind's spec name
 * @param target a fraction in (0, 1) for passRate and flakyRate, seconds for the duration kinds
 */
public record Objective(String name, ObjectiveKind kind, double target, Window window) {
    /**
     * Smallest allowed bad fraction. A 100% pass-rate target has no budget at all, which would make every burn
     * rate infinite; it is treated as 99.99%.
     */
    public static final double MIN_ALLOWED_BAD_FRACTION = 0.0001;

    public Objective {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(window, "window");
        if (Double.isNaN(target) || target < 0) throw new IllegalArgumentException("target must be >= 0");
        if ((kind == ObjectiveKind.PassRate || kind == ObjectiveKind.FlakyRate) && target > 1) {
            throw new IllegalArgumentException(kind.specName() + " target is a fraction, at most 1");
        }
        name = name == null || name.isBlank() ? kind.specName() : name;
    }

    /** The fraction of events that may be bad before the objective is missed. */
    public double allowedBadFraction() {
        double allowed = switch (kind) {
            case PassRate -> 1 - target;
            case DurationP95 -> 0.05;
            case DurationP99 -> 0.01;
            case FlakyRate -> target;
        };
        return Math.max(MIN_ALLOWED_BAD_FRACTION, allowed);
    }
}
