package dev.proctor.runner.launch;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The names the plan uses for its enums ({@code RoundRobin}, {@code Method}), so outputs say what the plan says. */
final class PlanNames {
    private PlanNames() {}

    static String of(Enum<?> constant) {
        try {
            JsonProperty property = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return property == null ? constant.name() : property.value();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }
}
