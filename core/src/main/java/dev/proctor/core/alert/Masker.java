package dev.proctor.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of everything Proctor shows: payloads, statuses, events, logs. Every renderer passes its
 * output through one, and so does every error text built from a receiver's answer.
 *
 * <ul>
 *   <li>each known secret value (webhook URLs, routing keys, tokens read from Secrets) is replaced by
 *       {@value #MASK}, longest first, so that a secret containing another is masked whole. A secret is masked
 *       however short it is: unreadable beats leaked;
 *   <li>whatever the secrets, a URL's userinfo ({@code https://user:pass@host}) and the values of query
 *       parameters that carry credentials ({@code token}, {@code key}, {@code sig}…) are masked, and so is the
 *       credential after {@code Bearer} or {@code Basic}.
 * </ul>
 */
public final class Masker {
    public static final String MASK = "****";
    private static final Pattern USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/\\s@?#]+@");
    private static final Pattern QUERY_TOKEN = Pattern.compile(
            "(?i)([?&;](?:access_token|api[_-]?key|apikey|auth|client_secret|code|key|password|passwd|private_token"
                    + "|pwd|routing_key|secret|sig|signature|token|x-amz-signature|x-goog-signature)=)[^&#;\\s\"'<>]*");
    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9._~+/=-]{4,}");
    private static final Masker NONE = new Masker(List.of());

    private final List<String> secrets;

    private Masker(List<String> secrets) {
        this.secrets = secrets;
    }

    /** @param secrets secret values; null and empty ones are ignored */
    public static Masker of(Collection<String> secrets) {
        return new Masker(secrets == null ? List.of() : secrets.stream().filter(Objects::nonNull)
                .filter(s -> !s.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .toList());
    }

    /** Masks only what looks like a credential in a URL or header. */
    public static Masker none() {
        return NONE;
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) return text;
        String masked = text;
        for (String secret : secrets) masked = masked.replace(secret, MASK);
        masked = USERINFO.matcher(masked).replaceAll("$1" + MASK + "@");
        masked = QUERY_TOKEN.matcher(masked).replaceAll("$1" + MASK);
        return AUTH_SCHEME.matcher(masked).replaceAll("$1$2" + MASK);
    }

    /** Masks every string in the tree, in place, except the values of the fields named in {@code keep}. */
    public JsonNode maskTree(JsonNode node, Set<String> keep) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> entries = List.copyOf(object.properties());
            for (Map.Entry<String, JsonNode> e : entries) {
                if (keep.contains(e.getKey())) continue;
                if (e.getValue().isTextual()) object.put(e.getKey(), mask(e.getValue().asText()));
                else maskTree(e.getValue(), keep);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) array.set(i, TextNode.valueOf(mask(array.get(i).asText())));
                else maskTree(array.get(i), keep);
            }
        }
        return node;
    }

    public JsonNode maskTree(JsonNode node) {
        return maskTree(node, Set.of());
    }
}
