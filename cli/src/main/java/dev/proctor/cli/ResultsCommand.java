package dev.proctor.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "results", mixinStandardHelpOptions = true,
        description = {"Shows a run's failed and flaky tests with their messages, shard and attempt.",
                "The tests come from the run's status (at most 50 failed; the rest are counted). When the run has an "
                        + "artifact store, each shard attempt's JUnit XML in it adds the shard, the attempt, the "
                        + "failure's type and message, and failed tests beyond the status's 50. The store being "
                        + "unreachable still prints what the status says, then exits 5."})
final class ResultsCommand implements Callable<Integer>, Proctor.ReadsStore {
    @ParentCommand
    Proctor root;

    @Parameters(paramLabel = "RUN", description = "The TestSuiteRun.")
    String name;

    @Option(names = "--no-store", description = "Only what the run's status says; do not read the artifact store.")
    boolean noStore;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    /** The JSON form. */
    record Results(String namespace, String run, String suite, String phase, String reason, Run.Totals totals,
                   Integer failedTestsOmitted, List<TestResults.Row> tests, List<Run.Shard> troubledShards) {}

    @Override
    public Integer call() {
        Run run = root.cluster().run(name);
        List<JUnitCases.Case> cases = List.of();
        CliException storeProblem = null;
        if (!noStore && run.store().isPresent()) {
            try (ArtifactStore store = root.store(run)) {
                cases = TestResults.fromStore(store);
            } catch (CliException e) {
                storeProblem = e;
            }
        }
        List<TestResults.Row> rows = TestResults.rows(run, cases);
        Run.Status status = run.status();
        if (output == OutputFormat.json) {
            OutputFormat.printJson(root.out(), new Results(run.namespace(), run.name(), run.spec() == null ? null : run.spec().suite(),
                    status == null || status.phase() == null ? null : status.phase().name(), status == null ? null : status.reason(),
                    status == null ? null : status.totals(), status == null ? null : status.failedTestsOmitted(), rows, troubled(run)));
        } else {
            root.out().print(text(run, rows, cases.isEmpty()));
        }
        if (storeProblem != null) {
            root.err().println("proctor: " + storeProblem.getMessage() + " (shown: what the run's status says)");
            return storeProblem.exitCode();
        }
        return ExitCodes.OK;
    }

    static String text(Run run, List<TestResults.Row> rows, boolean statusOnly) {
        StringBuilder out = new StringBuilder(summary(run)).append('\n');
        List<Run.Shard> troubled = troubled(run);
        if (!troubled.isEmpty()) {
            Table shards = new Table("SHARD", "ATTEMPT", "STATE", "REASON", "MESSAGE");
            troubled.forEach(s -> shards.row(s.index(), s.attempt(), s.phase(), s.reason(), Table.abbreviate(s.message(), 120)));
            out.append("Shards whose runner or pod failed (their tests may not all have run):\n").append(shards);
        }
        if (rows.isEmpty()) return out.append("No failed or flaky tests.\n").toString();
        Table table = new Table("STATUS", "TEST", "SHARD", "ATTEMPT", "MESSAGE");
        for (TestResults.Row row : rows) {
            String message = row.message() == null ? row.type() : row.type() == null ? row.message()
                    : shortType(row.type()) + ": " + row.message();
            table.row(row.verdict(), row.test(), row.shard(), row.attempt(), Table.abbreviate(message, 120));
        }
        out.append(table);
        int omitted = run.failedTestsOmitted();
        long beyond = rows.stream().filter(r -> r.verdict() == TestResults.Verdict.FAILED).count() - run.failedTests().size();
        if (omitted > beyond) out.append("... and ").append(omitted - beyond).append(" more failed tests the status only counts\n");
        if (statusOnly && run.store().isEmpty()) out.append("(no artifact store: messages, shards and attempts are in each shard's JUnit XML)\n");
        return out.toString();
    }

    /** Shards whose last attempt ended without running all its tests: a runner error, or the pod or node failing. */
    static List<Run.Shard> troubled(Run run) {
        List<Run.Shard> shards = run.state().map(Run.Status::shards).orElse(List.of());
        return shards.stream().filter(s -> "RunnerError".equals(s.phase()) || "InfrastructureFailed".equals(s.phase())).toList();
    }

    static String summary(Run run) {
        Run.Status s = run.status();
        String suite = run.spec() == null || run.spec().suite() == null ? "" : " (suite " + run.spec().suite() + ")";
        if (s == null || s.phase() == null) return "Run " + run.name() + suite + ": Pending";
        StringBuilder line = new StringBuilder("Run ").append(run.name()).append(suite).append(": ").append(s.phase());
        if (s.reason() != null) line.append(" (").append(s.reason()).append(")");
        Run.Totals t = s.totals();
        if (t != null) {
            line.append(" - ").append(t.tests()).append(" tests, ").append(t.passed()).append(" passed, ").append(t.failed())
                    .append(" failed, ").append(t.skipped()).append(" skipped, ").append(t.flaky()).append(" flaky");
        }
        if (s.duration() != null) line.append("; ").append(s.duration());
        return line.toString();
    }

    /** org.opentest4j.AssertionFailedError → AssertionFailedError */
    private static String shortType(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
