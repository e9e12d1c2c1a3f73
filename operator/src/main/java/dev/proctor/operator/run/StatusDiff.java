package dev.proctor.operator.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/** Decides whether a new status differs from the stored one, so an unchanged status is never written. */
final class StatusDiff {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusDiff() {}

    static boolean changed(Object before, Object after) {
        if (before == null || after == null) return !Objects.equals(before, after);
        return !JSON.valueToTree(before).equals(JSON.valueToTree(after));
    }
}
