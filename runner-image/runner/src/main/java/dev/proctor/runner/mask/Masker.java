package dev.proctor.runner.mask;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets with {@value #MASK} in everything the runner writes (log lines, JUnit XML, the summary).
 *
 * <p>Two layers, because either alone leaks: the <em>values</em> of the env vars the plan names as secret (and of
 * env vars whose names say they are secret), which catches a password however it is printed; and common credential
 * <em>shapes</em> (bearer tokens, {@code password=...}, AWS keys, JWTs, user:password in URLs), which catches
 * credentials the plan does not know about. Values shorter than {@value #MIN_SECRET_LENGTH} characters are not
 * masked by value: masking "1" or "on" everywhere would destroy the report and protect nothing.
 */
public final class Masker {
    public static final String MASK = "****";
    static final int MIN_SECRET_LENGTH = 4;

    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL).*");

    /** Shapes, each with the group to keep in front of the mask. Order matters: specific before generic. */
    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"), ""),
            new Rule(Pattern.compile("(?i)(\\bbearer\\s+)[A-Za-z0-9._~+/-]+=*"), "$1"),
            new Rule(Pattern.compile("(?i)(\\bbasic\\s+)[A-Za-z0-9+/]{8,}=*"), "$1"),
            new Rule(Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\\b"), ""),
            new Rule(Pattern.compile("(?i)(aws_?secret_?access_?key[\"']?\\s*[=:]\\s*[\"']?)[A-Za-z0-9/+=]{16,}"), "$1"),
            new Rule(Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^/\\s:@]+:)[^/\\s@]+(@)"), "$1" + MASK + "$2"),
            new Rule(Pattern.compile("(?i)(\\b(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|"
                    + "client[_-]?secret)[\"']?\\s*[=:]\\s*[\"']?)(?!\\*{4})[^\\s\"'&,;<>]+"), "$1"));

    private record Rule(Pattern pattern, String keep) {}

    private final List<String> secretValues;
    /**
     * Test names, unit keys and ids are masked again at every checkpoint (two per test): the same short strings, and
     * masking is a pure function of them.
     */
    private final Map<String, String> memo = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MEMO_MAX_CHARS = 1_000;
    private static final int MEMO_MAX_ENTRIES = 100_000;

    private Masker(List<String> secretValues) {
        this.secretValues = secretValues;
    }

    /** Masks credential shapes only. */
    public static Masker patternsOnly() {
        return new Masker(List.of());
    }

    /**
     * @param env        the process environment
     * @param secretEnv  names of env vars the plan declares secret; their values are masked wherever they appear
     */
    public static Masker from(Map<String, String> env, Collection<String> secretEnv) {
        Set<String> names = Set.copyOf(secretEnv);
        List<String> values = new ArrayList<>();
        env.forEach((name, value) -> {
            boolean secret = names.contains(name) || SECRET_NAME.matcher(name).matches();
            if (secret && value != null && value.length() >= MIN_SECRET_LENGTH) values.add(value);
        });
        // Longest first, so a secret that contains another is masked whole.
        values.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        return new Masker(List.copyOf(values));
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) return text;
        if (text.length() > MEMO_MAX_CHARS) return maskNow(text);
        String known = memo.get(text);
        if (known != null) return known;
        String masked = maskNow(text);
        if (memo.size() < MEMO_MAX_ENTRIES) memo.put(text, masked);
        return masked;
    }

    private String maskNow(String text) {
        String masked = text;
        for (String value : secretValues) {
            if (masked.contains(value)) masked = masked.replace(value, MASK);
        }
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(masked);
            if (matcher.find()) {
                String replacement = rule.keep().contains(MASK) ? rule.keep() : rule.keep() + MASK;
                masked = matcher.replaceAll(replacement);
            }
        }
        return masked;
    }

    /** For tests and the log: how many secret values are being masked (never the values themselves). */
    public int secretCount() {
        return secretValues.size();
    }

    @Override
    public String toString() {
        return "Masker[" + secretValues.size() + " secret values, " + RULES.size() + " patterns]";
    }
}
