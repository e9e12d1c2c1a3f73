package dev.proctor.maven;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The few JSON forms proctor-suite.json needs, without a JSON library in the build's class loader. */
final class Json {
    private Json() {}

    static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }

    static String array(List<String> values) {
        return values.stream().map(Json::string).collect(Collectors.joining(", ", "[", "]"));
    }

    static String object(Map<String, String> values) {
        return values.entrySet().stream().map(e -> string(e.getKey()) + ": " + string(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
