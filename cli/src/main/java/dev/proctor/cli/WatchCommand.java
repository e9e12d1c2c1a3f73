package dev.proctor.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Follows a run until it has finished: a progress bar of its shards and its test counts, then "
                + "its verdict and failed tests.",
                "Exits as examples/ci/run-suite.sh does: 0 when the run Succeeded, 1 when it Failed, 2 when it ended "
                        + "in Error; 6 when it did not finish within --timeout, 3 when it does not exist (or was "
                        + "deleted). A Kubernetes API that stops answering meanwhile is retried until --timeout."})
final class WatchCommand implements Callable<Integer> {
    private static final int BAR = 30;

    @ParentCommand
    Proctor root;

    @Parameters(paramLabel = "RUN", description = "The TestSuiteRun.")
    String name;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = Proctor.DurationConverter.class,
            description = "Give up after this long, e.g. 30m, 2h (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s", converter = Proctor.DurationConverter.class,
            description = "How often to look at the run (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Override
    public Integer call() throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean terminal = System.console() != null;
        String last = null;
        Run run = null;
        boolean apiLost = false;
        while (true) {
            try {
                run = root.cluster().run(name);
                apiLost = false;
            } catch (CliException e) {
                if (e.exitCode() != ExitCodes.CLUSTER || run == null) throw e;
                if (!apiLost) root.err().println("proctor: " + e.getMessage() + "; retrying");
                apiLost = true;
            }
            if (run.phase().map(Run.Phase::isFinal).orElse(false)) break;
            String line = progress(run);
            if (!line.equals(last)) {
                if (terminal) root.out().print(redraw(line, last));
                else root.out().println(line);
                root.out().flush();
                last = line;
            }
            if (System.nanoTime() - deadline >= 0) {
                if (terminal) root.out().println();
                throw new CliException(ExitCodes.TIMEOUT, "TestSuiteRun " + name + " did not finish within " + Formats.duration(timeout.toSeconds())
                        + ": " + run.phase().map(Enum::name).orElse("Pending") + ", " + shards(run)[0] + "/" + shards(run)[1] + " shards done");
            }
            Thread.sleep(Math.max(1, Math.min(interval.toMillis(), (deadline - System.nanoTime()) / 1_000_000)));
        }
        root.out().println(terminal ? redraw(progress(run), last) : progress(run));
        root.out().print(verdict(run));
        return switch (run.phase().orElseThrow()) {
            case Succeeded -> ExitCodes.OK;
            case Failed -> ExitCodes.RUN_FAILED;
            default -> ExitCodes.RUN_ERROR;
        };
    }

    /** The line redrawn in place of the one before: spaces cover what a longer line left. */
    static String redraw(String line, String before) {
        return "\r" + line + " ".repeat(before == null ? 0 : Math.max(0, before.length() - line.length()));
    }

    /** e.g. {@code Running   [##########--------------------]  1/3 shards  5 passed, 1 failed, 0 flaky  (1m20s)} */
    static String progress(Run run) {
        int[] shards = shards(run);
        Run.Totals t = run.state().map(Run.Status::totals).orElse(null);
        String phase = run.phase().map(Enum::name).orElse("Pending");
        String duration = run.state().map(Run.Status::duration).map(d -> "  (" + d + ")").orElse("");
        return String.format("%-9s %s  %d/%d shards  %d passed, %d failed, %d flaky%s", phase, Formats.bar(shards[0], shards[1], BAR),
                shards[0], shards[1], t == null ? 0 : t.passed(), t == null ? 0 : t.failed(), t == null ? 0 : t.flaky(), duration);
    }

    /** Done and all: status.shardsDone ("2/3"), else the spec's shard count with none done. */
    static int[] shards(Run run) {
        String done = run.state().map(Run.Status::shardsDone).orElse(null);
        if (done != null && done.matches("\\d+/\\d+")) {
            String[] parts = done.split("/");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        }
        Integer total = run.spec() == null || run.spec().sharding() == null ? null : run.spec().sharding().shards();
        return new int[] {0, total == null ? 1 : total};
    }

    static String verdict(Run run) {
        StringBuilder out = new StringBuilder(ResultsCommand.summary(run)).append('\n');
        Run.Status s = run.status();
        if (s.message() != null) out.append("  ").append(s.message()).append('\n');
        if (!run.failedTests().isEmpty()) {
            out.append("Failed tests:\n");
            run.failedTests().forEach(t -> out.append("  ").append(t).append('\n'));
            if (run.failedTestsOmitted() > 0) out.append("  ... and ").append(run.failedTestsOmitted()).append(" more\n");
        }
        if (!run.flakyTests().isEmpty()) {
            out.append("Flaky tests (passed on a retry):\n");
            run.flakyTests().forEach(t -> out.append("  ").append(t).append('\n'));
        }
        return out.toString();
    }
}
