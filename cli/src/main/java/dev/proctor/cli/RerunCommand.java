package dev.proctor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "rerun", mixinStandardHelpOptions = true,
        description = {"Creates a new TestSuiteRun with RUN's spec that runs only RUN's failed tests "
                + "(spec.tests.only), labelled proctor.dev/rerun-of=RUN, and prints its name.",
                "RUN must have finished. Its status names up to 50 failed tests; when it counts more, the rest come "
                        + "from the shards' JUnit XML in its artifact store. The new run has at most as many shards "
                        + "as tests. No failed tests: exit 3."})
final class RerunCommand implements Callable<Integer>, Proctor.ReadsStore {
    static final String RERUN_OF = "proctor.dev/rerun-of";
    /** TestSuiteRun names are at most 49 characters; generateName adds 5. */
    private static final int MAX_BASE = 49 - 5 - "-rerun-".length();

    @ParentCommand
    Proctor root;

    @Parameters(paramLabel = "RUN", description = "The finished TestSuiteRun whose failed tests to run again.")
    String name;

    @Option(names = "--failed", required = true, description = "Only RUN's failed tests (the only kind of re-run so far).")
    boolean failed;

    @Override
    public Integer call() {
        GenericKubernetesResource resource = root.cluster().resource(name);
        Run run = Cluster.toRun(resource);
        if (!run.phase().map(Run.Phase::isFinal).orElse(false)) {
            throw new CliException(ExitCodes.USAGE, "TestSuiteRun " + name + " is still " + run.phase().map(Enum::name).orElse("Pending")
                    + "; re-run its failed tests once it has finished (proctor watch " + name + ")");
        }
        List<String> tests = failedTests(run);
        if (tests.isEmpty()) throw new CliException(ExitCodes.NOT_FOUND, "TestSuiteRun " + name + " has no failed tests to re-run");
        GenericKubernetesResource rerun = rerun(Cluster.toJson(resource), tests);
        GenericKubernetesResource checked = root.cluster().create(rerun, true);
        JsonNode only = Cluster.toJson(checked).path("spec").path("tests").path("only");
        if (only.size() != tests.size()) {
            throw new CliException(ExitCodes.CLUSTER, "the cluster's TestSuiteRun CRD has no spec.tests.only, so a re-run would run "
                    + "every test: install the CRDs of a Proctor version with proctor rerun");
        }
        GenericKubernetesResource created = root.cluster().create(rerun, false);
        root.err().println("Re-running " + tests.size() + " failed test" + (tests.size() == 1 ? "" : "s") + " of " + name
                + " as " + created.getMetadata().getName());
        root.out().println(created.getMetadata().getName());
        return ExitCodes.OK;
    }

    private List<String> failedTests(Run run) {
        if (run.failedTestsOmitted() == 0) return run.failedTests();
        if (run.store().isEmpty()) {
            throw new CliException(ExitCodes.NO_STORE, "TestSuiteRun " + name + " has " + run.failedTestsOmitted()
                    + " more failed tests than its status names, and no artifact store to read them from");
        }
        try (ArtifactStore store = root.store(run)) {
            return TestResults.rows(run, TestResults.fromStore(store)).stream()
                    .filter(r -> r.verdict() == TestResults.Verdict.FAILED).map(TestResults.Row::test).toList();
        }
    }

    /** The new run: the old one's spec with only these tests, as many shards as it had but no more than tests. */
    static GenericKubernetesResource rerun(JsonNode original, List<String> tests) {
        String name = original.path("metadata").path("name").asText();
        ObjectNode spec = ((ObjectNode) original.path("spec")).deepCopy();
        ArrayNode only = spec.with("tests").putArray("only");
        tests.forEach(only::add);
        if (spec.path("sharding").isObject()) {
            ObjectNode sharding = (ObjectNode) spec.get("sharding");
            int shards = Math.min(sharding.path("shards").asInt(1), tests.size());
            sharding.put("shards", shards);
            if (sharding.has("parallelism")) sharding.put("parallelism", Math.min(sharding.get("parallelism").asInt(), shards));
        }
        Map<String, String> labels = new TreeMap<>();
        original.path("metadata").path("labels").fields().forEachRemaining(e -> {
            // the operator's and the schedule's labels describe the old run, not this one
            if (!e.getKey().startsWith("proctor.dev/")) labels.put(e.getKey(), e.getValue().asText());
        });
        labels.put(RERUN_OF, name);
        String base = name.length() > MAX_BASE ? name.substring(0, MAX_BASE).replaceAll("-+$", "") : name;
        ObjectNode resource = Run.JSON.createObjectNode();
        resource.put("apiVersion", original.path("apiVersion").asText());
        resource.put("kind", original.path("kind").asText());
        ObjectNode metadata = resource.putObject("metadata");
        metadata.put("generateName", base + "-rerun-");
        metadata.put("namespace", original.path("metadata").path("namespace").asText());
        metadata.set("labels", Run.JSON.valueToTree(labels));
        resource.set("spec", spec);
        return Run.JSON.convertValue(resource, GenericKubernetesResource.class);
    }
}
