package dev.proctor.core.time;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the way Kubernetes users write them ("90s", "1h30m", "500ms"). The CRDs validate the
 * same {@link #PATTERN}, so a value that reached us parses.
 */
public final class GoDuration {
    /** One or more number+unit pairs; units ms, s, m, h, d. */
    public static final String PATTERN = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+$";
    private static final Pattern WHOLE = Pattern.compile(PATTERN);
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h|d)");

    private GoDuration() {}

    /** @throws IllegalArgumentException naming the text when it is not a duration */
    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("not a duration (expected e.g. 90s, 5m, 1h30m): '" + text + "'");
        }
        double millis = 0;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            double n = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1_000;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n * 86_400_000;
            };
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /** Compact human form: "45s", "3m12s", "1h5m". Sub-second values round to whole seconds (min "0s"). */
    public static String format(Duration d) {
        long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
        long h = s / 3600, m = (s % 3600) / 60, sec = s % 60;
        StringBuilder b = new StringBuilder();
        if (h > 0) b.append(h).append('h');
        if (m > 0) b.append(m).append('m');
        if (sec > 0 || b.length() == 0) b.append(sec).append('s');
        return b.toString();
    }
}
