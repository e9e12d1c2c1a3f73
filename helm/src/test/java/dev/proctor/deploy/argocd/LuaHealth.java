package dev.proctor.deploy.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.proctor.deploy.rules.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Runs an Argo CD health script the way Argo CD does: Lua 5.1 (Argo CD embeds gopher-lua, a Lua 5.1), the
 * resource as the global {@code obj} (a table converted from its JSON, nulls left out), the script's return
 * value a table with {@code status} and {@code message}. Uses Debian's {@code lua5.1}.
 */
public final class LuaHealth {
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String SEPARATOR = "\n--proctor-health-message--\n";

    /** What a health script returned. */
    public record Health(String status, String message) {}

    private LuaHealth() {}

    public static Health evaluate(Path script, Path fixtureYaml) {
        try {
            return evaluate(script, YAML.readTree(fixtureYaml.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fixtureYaml, e);
        }
    }

    public static Health evaluate(Path script, JsonNode resource) {
        Path lua = dev.proctor.deploy.rules.Command.require("lua5.1", "lua5.1");
        try {
            Path dir = Files.createTempDirectory("proctor-lua");
            try {
                Path harness = dir.resolve("harness.lua");
                Files.writeString(harness, harness(script, resource), StandardCharsets.UTF_8);
                Command run = Command.run(dir, Map.of(), Duration.ofSeconds(30), List.of(lua.toString(), harness.toString()));
                if (run.exitCode() != 0) {
                    throw new AssertionError("lua5.1 failed on " + script + " (exit " + run.exitCode() + "):\n" + run.output());
                }
                int at = run.stdout().indexOf(SEPARATOR);
                if (at < 0) throw new AssertionError("the harness printed no result: " + run.output());
                return new Health(run.stdout().substring(0, at), run.stdout().substring(at + SEPARATOR.length()));
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the Lua harness", e);
        }
    }

    /** The harness: obj as a global, the script loaded from its file and called, its result printed. */
    static String harness(Path script, JsonNode resource) {
        return "obj = " + toLua(resource) + "\n"
                + "local chunk = assert(loadfile(" + quote(script.toAbsolutePath().toString()) + "))\n"
                + "local hs = chunk()\n"
                + "assert(type(hs) == 'table', 'the script must return a table')\n"
                + "io.write(tostring(hs.status), " + quote(SEPARATOR) + ", hs.message == nil and '' or tostring(hs.message))\n";
    }

    /** A Lua table constructor for a JSON value: objects keyed by ["name"], arrays as sequences, nulls left out. */
    public static String toLua(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return "nil";
        if (node.isBoolean()) return node.asBoolean() ? "true" : "false";
        if (node.isNumber()) return node.numberValue().toString();
        if (node.isTextual()) return quote(node.asText());
        StringBuilder out = new StringBuilder("{");
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isNull()) out.append(toLua(item)).append(", ");
            }
        } else {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isNull()) continue;
                out.append('[').append(quote(field.getKey())).append("] = ").append(toLua(field.getValue())).append(", ");
            }
        }
        return out.append('}').toString();
    }

    /** A Lua string literal: quotes, backslashes and control characters escaped as decimal escapes. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append('\\').append(String.format("%03d", c));
            } else if (c < 0x80) {
                out.append((char) c);
            } else {
                out.append('\\').append(String.format("%03d", c)); // UTF-8 bytes, as Lua strings hold them
            }
        }
        return out.append('"').toString();
    }
}
