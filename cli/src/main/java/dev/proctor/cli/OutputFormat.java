package dev.proctor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/** {@code -o table} (aligned columns, the default) or {@code -o json} (for scripts; stable field names). */
enum OutputFormat {
    table, json;

    static void printJson(PrintWriter out, Object value) {
        try {
            out.println(Run.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                    .writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
