package dev.proctor.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Downloads a run's HTML report (report/index.html) and merged JUnit XML (report/junit.xml) from "
                + "its artifact store and prints the report's path.",
                "The locations come from the run's status.report (written when the reporter Job has built the report), "
                        + "else the run's folder in the store. No store: exit 4. Report not built yet, or its build "
                        + "failed: exit 4 with the reason. Store unreachable: exit 5."})
final class ReportCommand implements Callable<Integer>, Proctor.ReadsStore {
    static final String HTML = "report/index.html";
    static final String JUNIT = "report/junit.xml";

    @ParentCommand
    Proctor root;

    @Parameters(paramLabel = "RUN", description = "The TestSuiteRun.")
    String name;

    @Option(names = {"-d", "--output"}, paramLabel = "DIR",
            description = "Folder to write index.html and junit.xml to (default: proctor-reports/<run>).")
    Path output;

    @Option(names = "--open", description = "Open the report with xdg-open (Linux) or open (macOS) when there is one.")
    boolean open;

    @Override
    public Integer call() {
        Run run = root.cluster().run(name);
        Optional<Run.Report> report = run.state().map(Run.Status::report);
        if (run.store().isEmpty()) {
            throw new CliException(ExitCodes.NO_STORE, "TestSuiteRun " + name
                    + " has no artifact store (spec.artifacts.store), so it has no report; its results: proctor results " + name);
        }
        notReady(run).ifPresent(why -> {
            throw new CliException(ExitCodes.NO_STORE, why);
        });
        Path dir = output != null ? output : Path.of("proctor-reports", name);
        Path html = dir.resolve("index.html");
        try (ArtifactStore store = root.store(run)) {
            String htmlKey = report.map(Run.Report::html).flatMap(store::relative).orElse(HTML);
            String junitKey = report.map(Run.Report::junit).flatMap(store::relative).orElse(JUNIT);
            try {
                store.download(htmlKey, html);
            } catch (CliException e) {
                if (e.exitCode() != ExitCodes.NO_STORE) throw e;
                throw new CliException(ExitCodes.NO_STORE, "no report for " + name + " in the store yet (" + store.location() + htmlKey + ")", e);
            }
            try {
                store.download(junitKey, dir.resolve("junit.xml"));
            } catch (CliException e) {
                if (e.exitCode() != ExitCodes.NO_STORE) throw e;
                root.err().println("proctor: the report has no merged JUnit XML (" + store.location() + junitKey + ")");
            }
        }
        root.out().println(html.toAbsolutePath());
        if (open) openInBrowser(html);
        return ExitCodes.OK;
    }

    /** Why the run's report cannot be there yet, from its status; empty when it may be. */
    static Optional<String> notReady(Run run) {
        Optional<Run.Report> report = run.state().map(Run.Status::report);
        if (report.isPresent() && "Failed".equals(report.get().phase())) {
            Run.Report r = report.get();
            return Optional.of("the report of " + run.name() + " could not be built" + (r.reason() == null ? "" : " (" + r.reason() + ")")
                    + (r.message() == null ? "" : ": " + r.message()));
        }
        if (report.isPresent() && !"Ready".equals(report.get().phase())) {
            return Optional.of("the report of " + run.name() + " is not ready yet: job "
                    + (report.get().job() == null ? run.name() + "-report" : report.get().job()) + " is building it");
        }
        if (report.isEmpty() && !run.phase().map(Run.Phase::isFinal).orElse(false)) {
            return Optional.of("TestSuiteRun " + run.name() + " is still " + run.phase().map(Enum::name).orElse("Pending")
                    + "; its report is written when it has finished (proctor watch " + run.name() + ")");
        }
        return Optional.empty();
    }

    private void openInBrowser(Path html) {
        Optional<Path> opener = onPath("xdg-open").or(() -> onPath("open"));
        if (opener.isEmpty()) {
            root.err().println("proctor: neither xdg-open nor open is on PATH; open " + html.toAbsolutePath() + " yourself");
            return;
        }
        try {
            new ProcessBuilder(opener.get().toString(), html.toAbsolutePath().toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            root.err().println("proctor: cannot run " + opener.get() + ": " + e.getMessage());
        }
    }

    static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
