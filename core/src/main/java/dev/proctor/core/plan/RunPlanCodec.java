package dev.proctor.core.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.proctor.core.json.CanonicalJson;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON form of {@link RunPlan}: sorted keys, so the same plan is the same bytes everywhere.
 *
 * <p>Both directions apply the same rules ({@link RunPlanRules}): the operator can never write a plan that its
 * runners would refuse, and a plan that was edited by hand is refused with a message that names the field.
 */
public final class RunPlanCodec {
    private static final JsonMapper MAPPER = CanonicalJson.mapper();

    private RunPlanCodec() {}

    /** @throws IllegalArgumentException naming the bad field when the plan is not valid */
    public static String encode(RunPlan plan) {
        RunPlan canonical = RunPlanRules.canonical(plan);
        try {
            return MAPPER.writeValueAsString(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a validated plan always serializes", e);
        }
    }

    /** @throws IllegalArgumentException with a message naming the bad field when the JSON is not a valid plan */
    public static RunPlan decode(String json) {
        if (json == null || json.isBlank()) throw new IllegalArgumentException("plan is empty");
        JsonNode tree = parse(json);
        if (!tree.isObject()) throw new IllegalArgumentException("plan must be a JSON object");
        try {
            return RunPlanRules.canonical(MAPPER.treeToValue(tree, RunPlan.class));
        } catch (DatabindException e) {
            throw new IllegalArgumentException(describe(e), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("plan is not a valid plan", e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new IllegalArgumentException("plan exceeds the JSON reader's limits (nesting depth "
                    + CanonicalJson.MAX_NESTING_DEPTH + ", number length " + CanonicalJson.MAX_NUMBER_LENGTH + ")", e);
        } catch (DatabindException e) {
            throw new IllegalArgumentException("plan has a duplicate field or data after the object"
                    + at(e.getLocation()), e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("plan is not valid JSON" + at(e.getLocation()), e);
        }
    }

    private static String describe(DatabindException e) {
        String field = path(e);
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return field + " must be one of " + jsonNames(invalid.getTargetType()) + ", was \""
                    + RunPlanRules.abbreviate(String.valueOf(invalid.getValue())) + "\"";
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return field + " must be " + kind(mismatched.getTargetType());
        }
        return field + " is not valid";
    }

    private static String path(DatabindException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) return "plan";
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) path.append('.');
                path.append(RunPlanRules.abbreviate(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "plan" : path.toString();
    }

    private static String kind(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) return "an integer";
        if (type == boolean.class || type == Boolean.class) return "true or false";
        if (type == String.class) return "a string";
        if (Collection.class.isAssignableFrom(type) || type.isArray()) return "an array";
        if (Map.class.isAssignableFrom(type) || type.isRecord()) return "an object";
        return "of type " + type.getSimpleName();
    }

    private static String jsonNames(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(constant -> jsonName(enumType, (Enum<?>) constant))
                .collect(Collectors.joining(", "));
    }

    private static String jsonName(Class<?> enumType, Enum<?> constant) {
        try {
            JsonProperty property = enumType.getField(constant.name()).getAnnotation(JsonProperty.class);
            return property == null ? constant.name() : property.value();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) return "";
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
