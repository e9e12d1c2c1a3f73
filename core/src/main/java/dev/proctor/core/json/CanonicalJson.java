package dev.proctor.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON configuration core's codecs share, so that equal values are equal bytes on the operator and on
 * every runner: properties and map keys sorted, nulls left out, and reading strict about types (a string is not
 * silently a number) yet tolerant of unknown fields (an older runner can read a newer operator's plan).
 *
 * <p>Reading is bounded because the inputs come from outside the operator (ConfigMaps people can edit, pod
 * termination messages): nesting deeper than {@link #MAX_NESTING_DEPTH} or absurdly long numbers are refused
 * by the parser instead of exhausting the stack or the CPU.
 */
public final class CanonicalJson {
    /** Deeper than any document core reads (a plan nests three levels). */
    public static final int MAX_NESTING_DEPTH = 20;
    /** Longer than any long; anything longer is an attack or garbage. */
    public static final int MAX_NUMBER_LENGTH = 40;

    private CanonicalJson() {}

    /** A bounded factory for streaming reads and writes. */
    public static JsonFactory factory() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .build();
    }

    /** A new mapper with the canonical configuration; callers keep it in a constant and never reconfigure it. */
    public static JsonMapper mapper() {
        return JsonMapper.builder(factory())
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                // Records are all creator properties; without this they would keep declaration order.
                .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // A repeated key is ambiguous input, not "last one wins".
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.USE_DEFAULTS))
                .build();
    }
}
