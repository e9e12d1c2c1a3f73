package dev.proctor.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.operator.config.ProctorLeaderElection.LeaseNamespace;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeaseNamespaceTest {

    @Test
    void theConfiguredNamespaceWinsThenTheClientsThenDefault() {
        assertThat(LeaseNamespace.choose(Optional.of("ops"), Optional.of("proctor-system")).namespace()).isEqualTo("ops");
        assertThat(LeaseNamespace.choose(Optional.empty(), Optional.of("proctor-system")).namespace()).isEqualTo("proctor-system");
        LeaseNamespace fallback = LeaseNamespace.choose(Optional.empty(), Optional.empty());
        assertThat(fallback.namespace()).isEqualTo(ProctorLeaderElection.FALLBACK_NAMESPACE);
        assertThat(fallback.source()).contains("by default");
        assertThat(LeaseNamespace.choose(Optional.of(" "), Optional.of("")).namespace()).as("blank counts as unset").isEqualTo("default");
    }
}
