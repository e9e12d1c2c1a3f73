package dev.proctor.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proctor.core.plan.UnitHash;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CompactDurationsTest {

    @Test
    void everyUnitComesBackUnderItsHashWithinOnePercent() {
        Random random = new Random(7);
        Map<String, Long> durations = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) durations.put("shop.Class" + i / 10 + "#method" + i, (long) random.nextInt(3_600_000));
        durations.put("shop.Zero#instant", 0L);

        Map<String, Long> read = CompactDurations.decode(CompactDurations.encode(durations.entrySet()));

        Map<String, Long> expected = new TreeMap<>();
        durations.forEach((unit, millis) -> expected.merge(UnitHash.hashedKey(unit), CompactDurations.quantized(millis), Math::max));
        assertThat(read).isEqualTo(expected);
        durations.forEach((unit, millis) -> assertThat(CompactDurations.quantized(millis))
                .isCloseTo(millis, org.assertj.core.data.Offset.offset(millis / 90 + 1)));
        assertThat(read.get(UnitHash.hashedKey("shop.Zero#instant"))).isZero();
    }

    @Test
    void hashedKeysStandForThemselvesAndAnEmptyListRoundTrips() {
        String hashed = UnitHash.hashedKey("shop.CartTest#adds");
        assertThat(UnitHash.hashedKey(hashed)).isEqualTo(hashed);
        assertThat(CompactDurations.decode(CompactDurations.encode(Map.of(hashed, 1500L).entrySet())))
                .containsExactly(Map.entry(hashed, CompactDurations.quantized(1500L)));
        assertThat(CompactDurations.decode(CompactDurations.encode(Map.<String, Long>of().entrySet()))).isEmpty();
    }

    @Test
    void garbageIsRefusedWithAReason() {
        assertThatThrownBy(() -> CompactDurations.decode("***")).hasMessage("is not base64url");
        assertThatThrownBy(() -> CompactDurations.decode("AA")).hasMessageContaining("version");
        String valid = CompactDurations.encode(Map.of("a#b", 5L, "c#d", 7L).entrySet());
        assertThatThrownBy(() -> CompactDurations.decode(valid.substring(0, 3))).hasMessage("ends early");
    }
}
