package dev.proctor.deploy.chart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The value combinations the chart is tested with (src/test/resources/chart/values/*.yaml). The same files are
 * rendered offline (surefire) and sent to the real API server (ChartOnControlPlaneIT); {@code ${WATCH_A}} and
 * {@code ${WATCH_B}} stand for two namespaces, which the IT makes unique.
 */
final class ValueCases {
    static final List<String> ALL = List.of("default", "watch-namespaces", "ha", "monitoring", "secret-namespaces",
            "everything", "minimal");
    static final String TEAM_A = "team-a";
    static final String TEAM_B = "team-b";

    private ValueCases() {}

    static String text(String name) {
        try (InputStream in = ValueCases.class.getResourceAsStream("/chart/values/" + name + ".yaml")) {
            if (in == null) throw new IllegalArgumentException("no values case " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The case with its namespaces filled in, as a values file. */
    static Path file(String name, String watchA, String watchB) {
        return write(name, text(name).replace("${WATCH_A}", watchA).replace("${WATCH_B}", watchB));
    }

    static Path file(String name) {
        return file(name, TEAM_A, TEAM_B);
    }

    /** Ad-hoc values, e.g. a bad value the schema must refuse. */
    static Path write(String name, String yaml) {
        try {
            Path file = Files.createTempFile("proctor-values-" + name + "-", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code helm template} of a case with the team-a/team-b namespaces, release "proctor" in proctor-system. */
    static Rendered render(String name) {
        return Helm.template("proctor", "proctor-system", file(name));
    }
}
