package dev.proctor.core.alert;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher of a route, with Alertmanager's semantics: {@code =}, {@code !=}, {@code =~}, {@code !~};
 * regular expressions are anchored at both ends; a label the alert does not have has the value "" (so
 * {@code team=""} matches alerts without a team, and {@code team!=""} those with one).
 */
public record Matcher(String name, Op op, String value) {

    public enum Op {
        Equal("="), NotEqual("!="), Regex("=~"), NotRegex("!~");

        private final String symbol;

        Op(String symbol) { this.symbol = symbol; }

        public String symbol() { return symbol; }
    }

    /** @throws IllegalArgumentException for a regex that does not compile; use {@link #parse} for user input */
    public Matcher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        value = value == null ? "" : value;
        if (op == Op.Regex || op == Op.NotRegex) compile(value);
    }

    public static Matcher eq(String name, String value) { return new Matcher(name, Op.Equal, value); }

    public static Matcher ne(String name, String value) { return new Matcher(name, Op.NotEqual, value); }

    public static Matcher re(String name, String value) { return new Matcher(name, Op.Regex, value); }

    public static Matcher nre(String name, String value) { return new Matcher(name, Op.NotRegex, value); }

    /** The total answer of {@link #parse}. */
    public sealed interface Parsed permits Valid, Invalid {}

    public record Valid(Matcher matcher) implements Parsed {}

    /** @param reason names the matcher text, safe for a status condition */
    public record Invalid(String reason) implements Parsed {}

    private static final Pattern TEXT = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*");

    /** Parses {@code name op value}, the value optionally in double quotes ({@code severity=~"page|ticket"}). */
    public static Parsed parse(String text) {
        if (text == null) return new Invalid("matcher is empty");
        java.util.regex.Matcher m = TEXT.matcher(text);
        if (!m.matches()) return new Invalid("matcher '" + text + "' is not of the form name=value, name!=value, name=~regex or name!~regex");
        String value = m.group(3);
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        Op op = switch (m.group(2)) {
            case "=" -> Op.Equal;
            case "!=" -> Op.NotEqual;
            case "=~" -> Op.Regex;
            default -> Op.NotRegex;
        };
        try {
            return new Valid(new Matcher(m.group(1), op, value));
        } catch (IllegalArgumentException e) {
            return new Invalid("matcher '" + text + "' has an invalid regular expression: " + e.getMessage());
        }
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (op) {
            case Equal -> actual.equals(value);
            case NotEqual -> !actual.equals(value);
            case Regex -> compile(value).matcher(actual).matches();
            case NotRegex -> !compile(value).matcher(actual).matches();
        };
    }

    @Override
    public String toString() {
        return name + op.symbol() + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile("^(?:" + regex + ")$");
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription(), e);
        }
    }
}
