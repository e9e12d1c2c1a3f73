package dev.proctor.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.alert.DispatchLimits;
import dev.proctor.core.alert.DispatchStateCodec;
import dev.proctor.core.incident.IncidentBook;
import dev.proctor.core.incident.IncidentBookCodec;
import dev.proctor.core.run.SuiteHistory;
import dev.proctor.core.run.SuiteHistoryCodec;
import dev.proctor.core.sla.RunHistoryCodec;
import dev.proctor.core.sla.RunHistoryRing;
import org.junit.jupiter.api.Test;

/** Every stored state says why it could not be read, instead of quietly reading as empty. */
class UnreadableStateTest {
    private static final String SECRETISH = "{\"token\": \"s3cr3t-value\", truncated";

    @Test
    void aSuiteHistoryEditedByHandTruncatedNewerOrOfAnotherSuiteIsUnreadable() {
        String good = SuiteHistoryCodec.encode(SuiteHistory.empty("shop"));
        assertThat(SuiteHistoryCodec.read("shop", good).ok()).isTrue();
        assertThat(SuiteHistoryCodec.read("shop", null).ok()).as("no history yet is not a problem").isTrue();
        assertThat(SuiteHistoryCodec.read("shop", good.substring(0, good.length() / 2)).unreadable()).startsWith("not valid JSON");
        assertThat(SuiteHistoryCodec.read("shop", good.replace("\"v1\"", "\"v9\"")).unreadable()).contains("schema v9 is not v1");
        assertThat(SuiteHistoryCodec.read("cart", good).unreadable()).isEqualTo("it is the history of suite shop");
        Decoded<SuiteHistory> bad = SuiteHistoryCodec.read("shop", SECRETISH);
        assertThat(bad.value()).isEqualTo(SuiteHistory.empty("shop"));
        assertThat(bad.unreadable()).as("never echoes the stored text").doesNotContain("s3cr3t");
    }

    @Test
    void policyStateParts() {
        String ring = RunHistoryCodec.encode(RunHistoryRing.empty(10));
        assertThat(RunHistoryCodec.read(ring, 10).ok()).isTrue();
        assertThat(RunHistoryCodec.read(ring.replace("\"v\":1", "\"v\":7"), 10).unreadable()).contains("schema v7 is not v1");
        assertThat(RunHistoryCodec.read("[1,2]", 10).unreadable()).isEqualTo("not a run history object");

        String book = IncidentBookCodec.encode(IncidentBook.empty());
        assertThat(IncidentBookCodec.read(book).ok()).isTrue();
        assertThat(IncidentBookCodec.read(book.substring(0, book.length() - 1)).unreadable()).startsWith("not valid JSON");
        assertThat(IncidentBookCodec.read(SECRETISH).unreadable()).doesNotContain("s3cr3t");

        assertThat(DispatchStateCodec.read("{oops", DispatchLimits.defaults()).unreadable()).startsWith("not valid JSON");
        assertThat(DispatchStateCodec.read("", DispatchLimits.defaults()).ok()).isTrue();
    }
}
