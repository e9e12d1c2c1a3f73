package dev.proctor.testcluster.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodWorkspaceTest {
    private static final Map<String, Path> MOUNTS = Map.of(
            "/etc/proctor/plan", Path.of("/w/volumes/plan"),
            "/artifacts", Path.of("/w/volumes/artifacts"),
            "/tmp", Path.of("/w/volumes/tmp"));
    private static final Path TERMINATION_LOG = Path.of("/w/termination-log");

    private static String rewrite(String value) {
        return PodWorkspace.rewrite(value, MOUNTS, "/dev/termination-log", TERMINATION_LOG);
    }

    @Test
    void pathsIntoMountsPointAtTheLocalFolders() {
        assertThat(rewrite("/etc/proctor/plan/plan.json")).isEqualTo("/w/volumes/plan/plan.json");
        assertThat(rewrite("/artifacts")).isEqualTo("/w/volumes/artifacts");
        assertThat(rewrite("/tmp")).isEqualTo("/w/volumes/tmp");
    }

    @Test
    void theTerminationMessagePathPointsAtTheLocalFile() {
        assertThat(rewrite("/dev/termination-log")).isEqualTo("/w/termination-log");
    }

    @Test
    void otherValuesAndLookAlikePrefixesStayAsTheyAre() {
        assertThat(rewrite("/artifactsX/a")).isEqualTo("/artifactsX/a");
        assertThat(rewrite("staging")).isEqualTo("staging");
    }
}
