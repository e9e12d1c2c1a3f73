package dev.proctor.core.alert;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.proctor.core.json.CanonicalJson;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * {@link CanonicalJson} plus ISO-8601 text for {@link Instant} and {@link Duration}: the dispatcher and incident
 * state hold both, and core does not pull in Jackson's java.time module for two types. A malformed time fails
 * the read, which the state codecs turn into an empty state.
 */
public final class AlertJson {
    private static final JsonMapper MAPPER = CanonicalJson.mapper().rebuild().addModule(timeModule()).build();

    private AlertJson() {}

    /** Shared, configured once; never reconfigure it. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    private static SimpleModule timeModule() {
        SimpleModule module = new SimpleModule("proctor-time");
        module.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        module.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Instant.parse(p.getValueAsString());
            }
        });
        module.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        module.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Duration.parse(p.getValueAsString());
            }
        });
        return module;
    }
}
