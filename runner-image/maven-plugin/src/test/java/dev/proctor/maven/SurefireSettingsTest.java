package dev.proctor.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal itself runs for real in examples/existing-suite; this checks what it reads of Surefire's configuration. */
class SurefireSettingsTest {
    @TempDir
    Path dir;

    @Test
    void readsSurefiresPatternsScannedDependenciesAndParametersOnce() throws Exception {
        Plugin surefire = new Plugin();
        surefire.setArtifactId(SuiteMojo.SUREFIRE);
        surefire.setConfiguration(Xpp3DomBuilder.build(new StringReader("""
                <configuration>
                  <excludes><exclude>**/*PerformanceTest.java</exclude></excludes>
                  <dependenciesToScan><dependency>com.example:shop-tests</dependency></dependenciesToScan>
                  <configurationParameters>junit.jupiter.execution.parallel.enabled = true
                    junit.jupiter.displayname.generator.default = org.junit.jupiter.api.DisplayNameGenerator$Simple
                  </configurationParameters>
                </configuration>""")));
        PluginExecution execution = new PluginExecution();
        execution.setId("default-test");
        execution.setConfiguration(Xpp3DomBuilder.build(new StringReader("""
                <configuration>
                  <includes><include>**/*Spec.java</include></includes>
                  <excludes><exclude>**/*PerformanceTest.java</exclude></excludes>
                </configuration>""")));
        surefire.addExecution(execution);
        SuiteMojo.SurefireSettings settings = SuiteMojo.SurefireSettings.of(List.of(surefire));

        assertThat(settings.includes()).containsExactly("**/*Spec.java");
        assertThat(settings.excludes()).containsExactly("**/*PerformanceTest.java");
        assertThat(settings.dependenciesToScan()).containsExactly("com.example:shop-tests");
        assertThat(settings.configurationParameters()).containsEntry("junit.jupiter.execution.parallel.enabled", "true")
                .containsKey("junit.jupiter.displayname.generator.default");
    }

    @Test
    void classesAreCopiedAsTheFolderTheyAre() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes/com/example"));
        Files.writeString(classes.resolve("CartTest.class"), "bytes");
        Files.writeString(classes.resolve("data.bin"), "resource read as a file");

        SuiteMojo.copyTree(dir.resolve("classes"), dir.resolve("suite/tests/shop-tests"));

        assertThat(dir.resolve("suite/tests/shop-tests/com/example/CartTest.class")).hasContent("bytes");
        assertThat(dir.resolve("suite/tests/shop-tests/com/example/data.bin")).hasContent("resource read as a file");
    }
}
