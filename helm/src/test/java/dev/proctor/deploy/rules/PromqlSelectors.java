package dev.proctor.deploy.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The series a PromQL expression reads: every metric name with the label names its matchers use. A small lexer,
 * not a full parser: it skips strings, comments, range and subquery brackets, {@code offset}/{@code @} modifiers,
 * the label lists of {@code by/without/on/ignoring/group_left/group_right}, function and aggregation names, keywords,
 * numbers and Grafana variables ({@code $job}, {@code ${job}}, {@code [[job]]}); an identifier left over is a metric
 * name, and a selector with {@code __name__="x"} names x.
 */
public final class PromqlSelectors {
    /**
     * One vector selector: its metric name, the label names of its matchers (without __name__), and the values
     * its equality matchers ask for.
     */
    public record Selector(String metric, Set<String> labels, Map<String, String> equalities) {
        public Selector(String metric, Set<String> labels) {
            this(metric, labels, Map.of());
        }
    }

    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar", "count",
            "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "atan2", "inf", "nan", "offset", "start", "end");

    private final String s;
    private int i;

    private PromqlSelectors(String expression) {
        this.s = expression;
    }

    /** The selectors of {@code expression}, in order of appearance. */
    public static List<Selector> of(String expression) {
        return new PromqlSelectors(expression).selectors();
    }

    /** Just the metric names. */
    public static Set<String> metricNames(String expression) {
        Set<String> names = new LinkedHashSet<>();
        for (Selector selector : of(expression)) names.add(selector.metric());
        return names;
    }

    private List<Selector> selectors() {
        List<Selector> out = new ArrayList<>();
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < s.length() && s.charAt(i) != '\n') i++;
            } else if (c == '"' || c == '\'' || c == '`') {
                skipString();
            } else if (c == '[') {
                skipPast(']');
            } else if (c == '$') {
                skipVariable();
            } else if (c == '{') {
                // a selector without a metric name outside the braces: {__name__="x", ...}
                Map<String, String> matchers = matchers();
                String name = matchers.remove("__name__");
                if (name != null) out.add(selector(name, matchers));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                skipNumber();
            } else if (isIdentifierStart(c)) {
                String word = identifier();
                String lower = word.toLowerCase(Locale.ROOT);
                int after = skipSpacesFrom(i);
                boolean call = after < s.length() && s.charAt(after) == '(';
                if (LABEL_LIST_KEYWORDS.contains(lower)) {
                    if (call) {
                        i = after;
                        skipPast(')');
                    }
                } else if (lower.equals("offset")) {
                    skipOffset();
                } else if (AGGREGATIONS.contains(lower) || KEYWORDS.contains(lower) || call) {
                    // aggregation, keyword or function name
                } else {
                    Map<String, String> matchers = new LinkedHashMap<>();
                    if (after < s.length() && s.charAt(after) == '{') {
                        i = after;
                        matchers = matchers();
                        matchers.remove("__name__");
                    }
                    out.add(selector(word, matchers));
                }
            } else if (c == '@') {
                i++;
                int after = skipSpacesFrom(i);
                i = after;
                if (i < s.length() && isIdentifierStart(s.charAt(i))) {
                    identifier(); // start() or end()
                } else {
                    skipNumber();
                }
            } else {
                i++;
            }
        }
        return out;
    }

    private static Selector selector(String metric, Map<String, String> matchers) {
        Map<String, String> equalities = new LinkedHashMap<>();
        matchers.forEach((label, value) -> {
            if (value != null) equalities.put(label, value);
        });
        return new Selector(metric, new LinkedHashSet<>(matchers.keySet()), equalities);
    }

    /** Reads {@code {a="x", b=~"y"}} from the opening brace; returns label name to value (the value only for =). */
    private Map<String, String> matchers() {
        Map<String, String> out = new LinkedHashMap<>();
        i++; // {
        while (i < s.length()) {
            i = skipSpacesFrom(i);
            if (i >= s.length()) break;
            char c = s.charAt(i);
            if (c == '}') {
                i++;
                break;
            }
            if (c == ',') {
                i++;
                continue;
            }
            String label;
            if (c == '"' || c == '\'' || c == '`') {
                int start = i;
                skipString();
                label = s.substring(start + 1, i - 1); // quoted label name (UTF-8 names)
            } else if (isIdentifierStart(c)) {
                label = identifier();
            } else {
                i++;
                continue;
            }
            i = skipSpacesFrom(i);
            int opStart = i;
            while (i < s.length() && "=!~".indexOf(s.charAt(i)) >= 0) i++;
            String op = s.substring(opStart, i);
            i = skipSpacesFrom(i);
            String value = null;
            if (i < s.length() && "\"'`".indexOf(s.charAt(i)) >= 0) {
                int start = i;
                skipString();
                value = s.substring(start + 1, i - 1);
            }
            if (op.isEmpty()) {
                out.put("__name__", label); // {"metric"}: a quoted metric name alone
            } else {
                out.put(label, op.equals("=") ? value : null);
            }
        }
        return out;
    }

    private void skipString() {
        char quote = s.charAt(i++);
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '\\' && quote != '`') {
                i++;
            } else if (c == quote) {
                return;
            }
        }
    }

    private void skipPast(char close) {
        char open = s.charAt(i);
        int depth = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                skipString();
                continue;
            }
            i++;
            if (c == open) depth++;
            if (c == close && --depth == 0) return;
        }
    }

    private void skipVariable() {
        i++; // $
        if (i < s.length() && s.charAt(i) == '{') {
            while (i < s.length() && s.charAt(i) != '}') i++;
            i++;
        } else {
            while (i < s.length() && isIdentifierPart(s.charAt(i))) i++;
        }
    }

    private void skipNumber() {
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_'
                || ((s.charAt(i) == '+' || s.charAt(i) == '-') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')))) {
            i++;
        }
    }

    /** {@code offset 5m}, {@code offset -1h30m}, {@code offset $__interval}. */
    private void skipOffset() {
        i = skipSpacesFrom(i);
        if (i < s.length() && s.charAt(i) == '-') i++;
        if (i < s.length() && s.charAt(i) == '$') {
            skipVariable();
        } else {
            skipNumber();
        }
    }

    private String identifier() {
        int start = i;
        while (i < s.length() && isIdentifierPart(s.charAt(i))) i++;
        return s.substring(start, i);
    }

    private int skipSpacesFrom(int from) {
        int j = from;
        while (j < s.length() && Character.isWhitespace(s.charAt(j))) j++;
        return j;
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }
}
