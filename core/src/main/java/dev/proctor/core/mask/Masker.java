package dev.proctor.core.mask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of everything Proctor shows or writes: the runner's log lines, JUnit XML and summary, and the
 * operator's payloads, statuses, Events and post-incident reports. One set of rules for both sides.
 *
 * <p>Two layers, because either alone leaks:
 * <ul>
 *   <li>known secret <em>values</em>, replaced by {@value #MASK} longest first, so that a secret containing another
 *       is masked whole. A receiver's secrets ({@link #of}: webhook URLs, routing keys, signing keys) are masked
 *       however short they are: unreadable beats leaked. A runner's environment ({@link #from}) is masked by the
 *       values of the env vars the plan declares secret and of those whose names say they are secret, from
 *       {@value #MIN_SECRET_LENGTH} characters on: masking "1" or "on" everywhere would destroy the report and
 *       protect nothing;
 *   <li>credential <em>shapes</em>, whatever the secrets: a URL's password ({@code https://user:****@host}) or,
 *       without one, its whole userinfo ({@code https://****@host}: a token), query parameters that carry
 *       credentials ({@code token}, {@code key}, {@code sig}…), the credential after {@code Bearer} or {@code Basic},
 *       JWTs, AWS access keys and secret keys, and {@code password=…}, {@code "token": "…"} and the like.
 * </ul>
 * Masking twice gives the same text as masking once.
 */
public final class Masker {
    public static final String MASK = "****";
    /** Env values shorter than this are not masked by value (see {@link #from}). */
    public static final int MIN_SECRET_LENGTH = 4;

    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL).*");

    /** Shapes, each with what to keep of the match ({@code $n} groups) around the mask. Specific before generic. */
    private static final List<Rule> RULES = List.of(
            // a JWT anywhere
            new Rule("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*", "", ""),
            // the credential of an Authorization header, however short (Bearer) or from four characters (Basic)
            new Rule("(?i)(\\bbearer\\s+)[A-Za-z0-9._~+/=-]+", "$1", ""),
            new Rule("(?i)(\\bbasic\\s+)[A-Za-z0-9._~+/=-]{4,}", "$1", ""),
            // AWS access key ids and secret access keys
            new Rule("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\\b", "", ""),
            new Rule("(?i)(aws_?secret_?access_?key[\"']?\\s*[=:]\\s*[\"']?)[A-Za-z0-9/+=]{16,}", "$1", ""),
            // a URL's password (one holding ? or # too; the user name stays), and a userinfo without one whole: a token
            new Rule("(?i)(\\b[a-z][a-z0-9+.-]*://[^/\\s:@]*:)[^/\\s@]+(@)", "$1", "$2"),
            new Rule("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/\\s@?#:]+@", "$1", "@"),
            // query parameters that carry credentials
            new Rule("(?i)([?&;](?:access_token|api[_-]?key|apikey|auth|client_secret|code|key|password|passwd|private_token"
                    + "|pwd|routing_key|secret|sig|signature|token|x-amz-signature|x-goog-signature)=)[^&#;\\s\"'<>]*", "$1", ""),
            // password=…, "token": "…" and the like, unless already masked
            new Rule("(?i)(\\b(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret)[\"']?\\s*[=:]\\s*[\"']?)"
                    + "(?!\\*{4})[^\\s\"'&,;<>]+", "$1", ""));

    private record Rule(Pattern pattern, String replacement) {
        Rule(String regex, String before, String after) {
            this(Pattern.compile(regex), before + MASK + after);
        }
    }

    private static final Masker PATTERNS_ONLY = new Masker(List.of(), false);
    private static final int MEMO_MAX_CHARS = 1_000;
    private static final int MEMO_MAX_ENTRIES = 100_000;

    private final List<String> secrets;
    /**
     * Only a runner's masker ({@link #from}) remembers: it masks the same test names, unit keys and ids again at every
     * checkpoint (two per test), and masking is a pure function of the text. The operator's maskers do not, so its
     * memory does not grow with what it masked.
     */
    private final Map<String, String> memo;

    private Masker(List<String> secrets, boolean memoize) {
        this.secrets = secrets;
        this.memo = memoize ? new ConcurrentHashMap<>() : null;
    }

    /** @param secrets secret values, each masked however short it is; null and empty ones are ignored */
    public static Masker of(Collection<String> secrets) {
        return new Masker(secrets == null ? List.of() : longestFirst(secrets.stream().filter(Objects::nonNull)
                .filter(s -> !s.isEmpty()).distinct().toList()), false);
    }

    /**
     * @param env       the process environment
     * @param secretEnv names of env vars the plan declares secret; their values are masked wherever they appear, and
     *                  so are the values of env vars whose names say they are secret ({@code *PASSWORD*}, {@code *TOKEN*}…),
     *                  each from {@value #MIN_SECRET_LENGTH} characters on
     */
    public static Masker from(Map<String, String> env, Collection<String> secretEnv) {
        Set<String> names = Set.copyOf(secretEnv);
        List<String> values = new ArrayList<>();
        env.forEach((name, value) -> {
            boolean secret = names.contains(name) || SECRET_NAME.matcher(name).matches();
            if (secret && value != null && value.length() >= MIN_SECRET_LENGTH && !values.contains(value)) values.add(value);
        });
        return new Masker(longestFirst(values), true);
    }

    /** Masks credential shapes only. */
    public static Masker patternsOnly() {
        return PATTERNS_ONLY;
    }

    private static List<String> longestFirst(List<String> values) {
        return values.stream().sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) return text;
        if (memo == null || text.length() > MEMO_MAX_CHARS) return maskNow(text);
        String known = memo.get(text);
        if (known != null) return known;
        String masked = maskNow(text);
        if (memo.size() < MEMO_MAX_ENTRIES) memo.put(text, masked);
        return masked;
    }

    private String maskNow(String text) {
        String masked = text;
        for (String secret : secrets) {
            if (masked.contains(secret)) masked = masked.replace(secret, MASK);
        }
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(masked);
            if (matcher.find()) masked = matcher.replaceAll(rule.replacement());
        }
        return masked;
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

    /** For tests and the log: how many secret values are being masked (never the values themselves). */
    public int secretCount() {
        return secrets.size();
    }

    @Override
    public String toString() {
        return "Masker[" + secrets.size() + " secret values, " + RULES.size() + " patterns]";
    }
}
