package dev.proctor.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Maven Surefire's {@code <includes>}/{@code <excludes>} class patterns, with Surefire's meaning, so that a suite
 * scanned by Proctor runs the classes {@code mvn test} runs.
 *
 * <p>A pattern is matched against a class's path ({@code com/shop/CartTest} for {@code com.shop.CartTest}, nested
 * classes as {@code com/shop/CartTest$Inner}): {@code **} is any number of directories, {@code *} any characters but
 * {@code /}, {@code ?} one; a {@code .java} or {@code .class} ending is ignored; dots in a pattern without a slash
 * separate packages ({@code com.shop.*Test}); a pattern not starting with {@code **}{@code /} gets it in front, as
 * Surefire does; one entry may hold several patterns separated by commas. {@code %regex[...]} is a Java regular
 * expression over the path with its {@code .class} ending ({@code com/shop/CartTest.class}), as in Surefire. Method
 * filters ({@code Class#method}) are not supported: tags and the plan's include list select methods.
 *
 * <p>A class is selected when it matches an include (Surefire's defaults when there are none) and no exclude
 * (Surefire's default, {@code **}{@code /*$*}, when there are none: nested classes run through their enclosing class).
 */
public final class ClassPatterns {
    public static final List<String> SUREFIRE_INCLUDES =
            List.of("**/Test*.java", "**/*Test.java", "**/*Tests.java", "**/*TestCase.java");
    public static final List<String> SUREFIRE_EXCLUDES = List.of("**/*$*");

    private static final String REGEX_START = "%regex[";

    private ClassPatterns() {}

    /**
     * @param includes patterns; empty means Surefire's default includes
     * @param excludes patterns; empty means Surefire's default excludes
     * @return whether a fully qualified class name is selected
     * @throws IllegalArgumentException naming the pattern when one is not valid
     */
    public static Predicate<String> selector(List<String> includes, List<String> excludes) {
        List<Compiled> in = compile(includes.isEmpty() ? SUREFIRE_INCLUDES : includes);
        List<Compiled> out = compile(excludes.isEmpty() ? SUREFIRE_EXCLUDES : excludes);
        return className -> {
            String path = className.replace('.', '/');
            return in.stream().anyMatch(p -> p.matches(path)) && out.stream().noneMatch(p -> p.matches(path));
        };
    }

    /**
     * The checks short of compiling: no empty pattern, no method filter, a {@code %regex[} that ends with {@code ]}.
     *
     * @throws IllegalArgumentException naming the pattern when one is not valid
     */
    public static void validate(String field, List<String> patterns) {
        for (String entry : patterns) {
            if (entry == null || entry.isBlank()) throw new IllegalArgumentException(field + " has an empty pattern");
            for (String pattern : splitOutsideRegex(entry.trim())) {
                String shown = RunPlanRules.abbreviate(pattern);
                if (pattern.startsWith(REGEX_START)) {
                    if (!pattern.endsWith("]")) {
                        throw new IllegalArgumentException(field + " pattern '" + shown + "' must end with ]");
                    }
                } else if (pattern.contains("#")) {
                    throw new IllegalArgumentException(field + " pattern '" + shown + "' filters methods (#), which is"
                            + " not supported: select methods with tags");
                }
            }
        }
    }

    /** @param regex a %regex[...] pattern: it sees the path with its .class ending, as Surefire's do */
    private record Compiled(Pattern pattern, boolean regex) {
        boolean matches(String path) {
            return pattern.matcher(regex ? path + ".class" : path).matches();
        }
    }

    private static List<Compiled> compile(List<String> patterns) {
        List<Compiled> compiled = new ArrayList<>();
        for (String entry : patterns) {
            if (entry == null || entry.isBlank()) throw new IllegalArgumentException("has an empty pattern");
            for (String pattern : splitOutsideRegex(entry.trim())) {
                compiled.add(compileOne(pattern));
            }
        }
        return compiled;
    }

    private static List<String> splitOutsideRegex(String entry) {
        if (entry.startsWith(REGEX_START)) return List.of(entry);
        List<String> parts = new ArrayList<>();
        for (String part : entry.split(",")) {
            if (!part.isBlank()) parts.add(part.trim());
        }
        return parts;
    }

    private static Compiled compileOne(String pattern) {
        String shown = RunPlanRules.abbreviate(pattern);
        if (pattern.startsWith(REGEX_START)) {
            if (!pattern.endsWith("]")) throw new IllegalArgumentException("pattern '" + shown + "' must end with ]");
            String regex = pattern.substring(REGEX_START.length(), pattern.length() - 1);
            try {
                return new Compiled(Pattern.compile(regex), true);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("pattern '" + shown + "' is not a valid regular expression", e);
            }
        }
        if (pattern.contains("#")) {
            throw new IllegalArgumentException("pattern '" + shown + "' filters methods (#), which is not supported: "
                    + "select methods with tags");
        }
        String path = pattern;
        if (path.endsWith(".java")) path = path.substring(0, path.length() - 5);
        else if (path.endsWith(".class")) path = path.substring(0, path.length() - 6);
        if (!path.contains("/")) path = path.replace('.', '/');
        if (!path.startsWith("**/")) path = "**/" + path;
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (path.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 2;
            } else if (path.startsWith("**", i)) {
                regex.append(".*");
                i += 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Compiled(Pattern.compile(regex.toString()), false);
    }
}
