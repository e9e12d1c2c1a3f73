package dev.proctor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code proctor}, also {@code kubectl proctor}: the root command, its cluster options and its exit codes. */
@Command(name = "proctor", mixinStandardHelpOptions = true, versionProvider = Proctor.Version.class,
        description = {"Proctor's command line: TestSuiteRuns, their results, reports and artifacts, re-runs of failed "
                + "tests and live progress, on your kubeconfig. Also a kubectl plugin: kubectl proctor ...", ""},
        subcommands = {RunsCommand.class, ResultsCommand.class, ReportCommand.class, ArtifactsCommand.class,
                RerunCommand.class, WatchCommand.class, CommandLine.HelpCommand.class},
        exitCodeOnInvalidInput = ExitCodes.USAGE)
public final class Proctor implements Callable<Integer>, AutoCloseable {
    @Option(names = "--kubeconfig", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Kubeconfig context (default: its current context).")
    String context;

    @Option(names = {"-n", "--namespace"}, scope = ScopeType.INHERIT, paramLabel = "NAMESPACE",
            description = "Namespace of the runs (default: the context's namespace, else default).")
    String namespace;

    @Option(names = "--request-timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", defaultValue = "20s",
            converter = DurationConverter.class,
            description = "Bound on each call to the Kubernetes API and the store, e.g. 20s, 1m (default: ${DEFAULT-VALUE}).")
    Duration requestTimeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Clock clock = Clock.systemUTC();
    private Cluster cluster;

    public static void main(String[] args) {
        int code;
        try (Proctor proctor = new Proctor()) {
            CommandLine line = commandLine(proctor);
            code = line.execute(args);
            // tables are printed whole, not line by line: nothing may stay in the buffer at exit
            line.getOut().flush();
            line.getErr().flush();
        }
        System.exit(code);
    }

    /** The command line around {@code root}: bad input is one line on stderr and an exit code, never a stack trace. */
    static CommandLine commandLine(Proctor root) {
        CommandLine line = new CommandLine(root);
        line.setCaseInsensitiveEnumValuesAllowed(true);
        help(line);
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof CliException cli) {
                command.getErr().println("proctor: " + cli.getMessage());
                return cli.exitCode();
            }
            if (e instanceof java.io.UncheckedIOException io) {
                command.getErr().println("proctor: " + Cluster.rootMessage(io));
                return ExitCodes.USAGE;
            }
            throw e;
        });
        line.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("proctor: " + e.getMessage());
            e.getCommandLine().getErr().println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.USAGE;
        });
        return line;
    }

    /** Every command's --help lists the exit codes; those that read the store say where its credentials come from. */
    private static void help(CommandLine line) {
        line.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.HELP);
        if (line.getCommandSpec().userObject() instanceof ReadsStore || line.getCommandSpec().userObject() instanceof Proctor) {
            line.getCommandSpec().usageMessage().footerHeading("%nArtifact store credentials:%n").footer(STORE_CREDENTIALS);
        }
        line.getSubcommands().values().forEach(Proctor::help);
    }

    static final String STORE_CREDENTIALS = "report, artifacts and results read the run's S3-compatible store "
            + "(spec.artifacts.store). They use the AWS SDK's default credentials when the environment names some "
            + "(AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, AWS_WEB_IDENTITY_TOKEN_FILE, or the "
            + "aws.accessKeyId system property), else the Secret named in spec.artifacts.store.credentialsSecret, read "
            + "with your kubeconfig (you need get on that Secret). Credentials are never printed.";

    /** Marks the commands that read the artifact store. */
    interface ReadsStore {}

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    Cluster cluster() {
        if (cluster == null) cluster = Cluster.connect(kubeconfig, context, namespace, requestTimeout);
        return cluster;
    }

    ArtifactStore store(Run run) {
        return ArtifactStore.open(run, cluster(), requestTimeout);
    }

    Clock clock() {
        return clock;
    }

    /** Tests fix the time of ages. */
    Proctor withClock(Clock clock) {
        this.clock = clock;
        return this;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public void close() {
        if (cluster != null) cluster.close();
        cluster = null;
    }

    /** Go-style durations as kubectl takes them: 500ms, 20s, 5m, 1h. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern FORMAT = Pattern.compile("(\\d+)(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Matcher m = FORMAT.matcher(value.trim());
            if (!m.matches()) throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 500ms, 20s, 5m or 1h");
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Proctor.class.getPackage().getImplementationVersion();
            return new String[] {"proctor " + (version == null ? "(development build)" : version)};
        }
    }
}
