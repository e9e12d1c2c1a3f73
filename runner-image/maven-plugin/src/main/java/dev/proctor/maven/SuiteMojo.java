package dev.proctor.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Turns a Maven project's tests, where they are, into the layout of a Proctor suite image, without moving code:
 * <pre>
 * target/proctor-suite/
 *   tests/&lt;artifactId&gt;-&lt;version&gt;-tests/     the compiled src/test, as the folder it is (and the jars of Surefire's
 *                                          dependenciesToScan)
 *   lib/                                   the project's own classes (a folder) and its whole test classpath
 *   proctor-suite.json                     the project's Surefire includes/excludes and JUnit configuration parameters
 *   Dockerfile                             FROM the runner image, COPY the three above into /opt/proctor/suite/
 * </pre>
 * The runner reads {@code proctor-suite.json}, so a run whose TestSuiteRun names no class patterns runs the classes
 * {@code mvn test} runs. When the test classpath has no {@code junit-platform-launcher}, the goal adds the one of the
 * suite's JUnit Platform version, so the suite needs no launcher from the runner image.
 *
 * <p>Classes stay folders, as Surefire has them on its classpath, not jars: tests that open their resources as files
 * ({@code new File(getResource(...).toURI())}, as Commons Codec's XXHash32Test does) fail inside a jar.
 *
 * <p>Run it after the tests compiled: {@code mvn test-compile dev.proctor:proctor-maven-plugin:suite} (or bind it to
 * {@code package}); {@code -Dproctor.skip} skips it.
 */
@Mojo(name = "suite", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public class SuiteMojo extends AbstractMojo {
    static final String SUREFIRE = "maven-surefire-plugin";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(property = "proctor.suite.directory", defaultValue = "${project.build.directory}/proctor-suite")
    File outputDirectory;

    /** The runner image the generated Dockerfile starts FROM. */
    @Parameter(property = "proctor.runner.image", defaultValue = "ghcr.io/proctor-dev/runner:0.1.0")
    String runnerImage;

    @Parameter(property = "proctor.skip", defaultValue = "false")
    boolean skip;

    /** Test-classpath jars the suite image does not need, as groupId:artifactId. */
    @Parameter
    List<String> excludeArtifacts = new ArrayList<>();

    @Component
    RepositorySystem repositorySystem;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
    RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    List<RemoteRepository> remoteRepositories;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("proctor:suite skipped");
            return;
        }
        Path out = outputDirectory.toPath();
        Path tests = out.resolve("tests");
        Path lib = out.resolve("lib");
        try {
            deleteRecursively(out);
            Files.createDirectories(tests);
            Files.createDirectories(lib);
            SurefireSettings surefire = SurefireSettings.of(project.getBuildPlugins());

            Path testClasses = Path.of(project.getBuild().getTestOutputDirectory());
            int testJars = 0;
            if (hasClasses(testClasses)) {
                copyTree(testClasses, tests.resolve(project.getArtifactId() + "-" + project.getVersion() + "-tests"));
                testJars++;
            }
            Path mainClasses = Path.of(project.getBuild().getOutputDirectory());
            if (hasClasses(mainClasses)) {
                copyTree(mainClasses, lib.resolve(project.getArtifactId() + "-" + project.getVersion() + "-classes"));
            }

            String platform = null;
            boolean hasLauncher = false;
            for (Artifact artifact : project.getArtifacts()) {
                if (artifact.getFile() == null || !artifact.getFile().isFile()) continue;
                if (excludeArtifacts.contains(artifact.getGroupId() + ":" + artifact.getArtifactId())) continue;
                boolean scanned = surefire.dependenciesToScan().contains(artifact.getGroupId() + ":" + artifact.getArtifactId());
                Path target = (scanned ? tests : lib).resolve(fileName(artifact));
                Files.copy(artifact.getFile().toPath(), target, StandardCopyOption.REPLACE_EXISTING);
                if (scanned) testJars++;
                if ("org.junit.platform".equals(artifact.getGroupId())) {
                    if ("junit-platform-engine".equals(artifact.getArtifactId())) platform = artifact.getBaseVersion();
                    if ("junit-platform-launcher".equals(artifact.getArtifactId())) hasLauncher = true;
                }
            }
            if (testJars == 0) {
                throw new MojoExecutionException("no compiled tests in " + testClasses + " and no dependenciesToScan: "
                        + "run the goal after test-compile (mvn test-compile " + "dev.proctor:proctor-maven-plugin:suite)");
            }
            if (platform == null) {
                throw new MojoExecutionException("the test classpath has no junit-platform-engine: Proctor runs JUnit "
                        + "Platform suites (JUnit 5 or 6 Jupiter, Cucumber's JUnit Platform engine; JUnit 4 through "
                        + "junit-vintage-engine)");
            }
            if (!hasLauncher) addLauncher(platform, lib);

            writeDescriptor(out.resolve("proctor-suite.json"), surefire, platform);
            writeDockerfile(out.resolve("Dockerfile"));
            getLog().info("Proctor suite in " + out + ": " + testJars + " test root(s), " + count(lib) + " entries in lib, "
                    + "JUnit Platform " + platform + ", Surefire includes " + surefire.includes() + " excludes "
                    + surefire.excludes());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the suite to " + out + ": " + e.getMessage(), e);
        }
    }

    private void addLauncher(String platform, Path lib) throws MojoExecutionException, IOException {
        DefaultArtifact launcher = new DefaultArtifact("org.junit.platform", "junit-platform-launcher", "jar", platform);
        try {
            File file = repositorySystem.resolveArtifact(repositorySession,
                    new ArtifactRequest(launcher, remoteRepositories, null)).getArtifact().getFile();
            Files.copy(file.toPath(), lib.resolve(file.getName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (ArtifactResolutionException e) {
            getLog().warn("cannot resolve " + launcher + " (" + e.getMessage() + "): the runner image's own launcher "
                    + "for JUnit Platform " + platform + " will be used, if it has one");
        }
    }

    private static String fileName(Artifact artifact) {
        String classifier = artifact.getClassifier() == null || artifact.getClassifier().isEmpty() ? ""
                : "-" + artifact.getClassifier();
        return artifact.getArtifactId() + "-" + artifact.getBaseVersion() + classifier + "." + artifact.getArtifactHandler().getExtension();
    }

    private void writeDescriptor(Path file, SurefireSettings surefire, String platform) throws IOException {
        StringBuilder json = new StringBuilder("{\n  \"schema\": \"v1\",\n");
        json.append("  \"includes\": ").append(Json.array(surefire.includes())).append(",\n");
        json.append("  \"excludes\": ").append(Json.array(surefire.excludes())).append(",\n");
        json.append("  \"configurationParameters\": ").append(Json.object(surefire.configurationParameters())).append(",\n");
        json.append("  \"junitPlatform\": ").append(Json.string(platform)).append(",\n");
        json.append("  \"project\": ").append(Json.string(project.getGroupId() + ":" + project.getArtifactId() + ":"
                + project.getVersion())).append("\n}\n");
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    private void writeDockerfile(Path file) throws IOException {
        Files.writeString(file, "# Generated by proctor:suite from " + project.getArtifactId() + ". Build from this folder:\n"
                + "#   docker build -t <registry>/" + project.getArtifactId() + "-suite:" + project.getVersion() + " "
                + outputDirectory.toPath().getFileName() + "\n"
                + "FROM " + runnerImage + "\n"
                + "COPY tests/ /opt/proctor/suite/tests/\n"
                + "COPY lib/ /opt/proctor/suite/lib/\n"
                + "COPY proctor-suite.json /opt/proctor/suite/proctor-suite.json\n", StandardCharsets.UTF_8);
    }

    private static boolean hasClasses(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".class"));
        }
    }

    /** A folder copied as it is (the classes and resources Surefire would have on its classpath). */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.sorted().toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) Files.createDirectories(target);
                else Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** What the project's Surefire is configured with (plugin level and its default-test execution). */
    record SurefireSettings(List<String> includes, List<String> excludes, Set<String> dependenciesToScan,
                            Map<String, String> configurationParameters) {

        static SurefireSettings of(List<Plugin> buildPlugins) throws IOException {
            // an execution's configuration already holds the plugin's: a set keeps each pattern once
            Set<String> includes = new java.util.LinkedHashSet<>();
            Set<String> excludes = new java.util.LinkedHashSet<>();
            Set<String> scan = new TreeSet<>();
            Map<String, String> parameters = new LinkedHashMap<>();
            for (Plugin plugin : buildPlugins) {
                if (!SUREFIRE.equals(plugin.getArtifactId())) continue;
                List<Object> configurations = new ArrayList<>();
                configurations.add(plugin.getConfiguration());
                for (PluginExecution execution : plugin.getExecutions()) {
                    if ("default-test".equals(execution.getId())) configurations.add(execution.getConfiguration());
                }
                for (Object configuration : configurations) {
                    if (!(configuration instanceof Xpp3Dom dom)) continue;
                    values(dom.getChild("includes"), includes);
                    values(dom.getChild("excludes"), excludes);
                    List<String> scanned = new ArrayList<>();
                    values(dom.getChild("dependenciesToScan"), scanned);
                    scan.addAll(scanned);
                    Xpp3Dom params = dom.getChild("configurationParameters");
                    if (params != null && params.getValue() != null) {
                        Properties properties = new Properties();
                        properties.load(new java.io.StringReader(params.getValue()));
                        properties.stringPropertyNames().stream().sorted()
                                .forEach(name -> parameters.put(name, properties.getProperty(name)));
                    }
                }
            }
            return new SurefireSettings(List.copyOf(includes), List.copyOf(excludes), scan, parameters);
        }

        private static void values(Xpp3Dom parent, java.util.Collection<String> into) {
            if (parent == null) return;
            for (Xpp3Dom child : parent.getChildren()) {
                if (child.getValue() != null && !child.getValue().isBlank()) into.add(child.getValue().trim());
            }
        }
    }
}
