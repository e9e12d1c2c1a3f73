package dev.proctor.cli;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "Lists TestSuiteRuns, newest first: suite, verdict, test counts, duration and age.")
final class RunsCommand implements Callable<Integer> {
    @ParentCommand
    Proctor root;

    @Option(names = {"-A", "--all-namespaces"}, description = "Runs of every namespace.")
    boolean allNamespaces;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Label selector, e.g. proctor.dev/suite=techshop.")
    String selector;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    /** One line of the listing; the JSON form's fields. */
    record Line(String namespace, String name, String suite, String phase, String reason, Integer tests, Integer passed,
                Integer failed, Integer skipped, Integer flaky, String duration, Long durationSeconds, String created) {
        static Line of(Run run) {
            Run.Status s = run.status();
            Run.Totals t = s == null ? null : s.totals();
            return new Line(run.namespace(), run.name(), run.spec() == null ? null : run.spec().suite(),
                    s == null || s.phase() == null ? null : s.phase().name(), s == null ? null : s.reason(),
                    t == null ? null : t.tests(), t == null ? null : t.passed(), t == null ? null : t.failed(),
                    t == null ? null : t.skipped(), t == null ? null : t.flaky(), s == null ? null : s.duration(),
                    s == null ? null : s.durationSeconds(), run.metadata().creationTimestamp());
        }
    }

    @Override
    public Integer call() {
        List<Run> runs = root.cluster().runs(allNamespaces, selector);
        List<Line> lines = runs.stream().map(Line::of).toList();
        if (output == OutputFormat.json) {
            OutputFormat.printJson(root.out(), lines);
            return ExitCodes.OK;
        }
        if (lines.isEmpty()) {
            root.err().println("No TestSuiteRuns found" + (allNamespaces ? "." : " in namespace " + root.cluster().namespace() + "."));
            return ExitCodes.OK;
        }
        root.out().print(table(lines, allNamespaces, root.clock().instant()));
        return ExitCodes.OK;
    }

    static String table(List<Line> lines, boolean withNamespace, Instant now) {
        Table table = withNamespace
                ? new Table("NAMESPACE", "NAME", "SUITE", "VERDICT", "TESTS", "PASSED", "FAILED", "FLAKY", "DURATION", "AGE")
                : new Table("NAME", "SUITE", "VERDICT", "TESTS", "PASSED", "FAILED", "FLAKY", "DURATION", "AGE");
        for (Line l : lines) {
            String age = Formats.age(l.created() == null ? null : Instant.parse(l.created()), now);
            String verdict = l.phase() == null ? "Pending" : l.phase();
            if (withNamespace) {
                table.row(l.namespace(), l.name(), l.suite(), verdict, l.tests(), l.passed(), l.failed(), l.flaky(), l.duration(), age);
            } else {
                table.row(l.name(), l.suite(), verdict, l.tests(), l.passed(), l.failed(), l.flaky(), l.duration(), age);
            }
        }
        return table.toString();
    }
}
