package dev.proctor.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "artifacts", mixinStandardHelpOptions = true,
        description = {"Lists a run's files in its artifact store (each shard attempt's screenshots, traces, videos, "
                + "HARs, JUnit XML and event log, and the run's report), optionally only those of one test, and "
                + "downloads them.",
                "No store: exit 4. Store unreachable: exit 5."})
final class ArtifactsCommand implements Callable<Integer>, Proctor.ReadsStore {
    private static final Pattern SHARD_ATTEMPT = Pattern.compile("^shard-(\\d+)/attempt-(\\d+)/(.*)$");

    @ParentCommand
    Proctor root;

    @Parameters(paramLabel = "RUN", description = "The TestSuiteRun.")
    String name;

    @Option(names = {"-t", "--test"}, paramLabel = "NAME",
            description = "Only the files of this test: class#method, a class, or any part of the path.")
    String test;

    @Option(names = "--shard", paramLabel = "N", description = "Only the files of this shard.")
    Integer shard;

    @Option(names = "--download", paramLabel = "DIR", description = "Download the listed files into DIR, keeping their paths.")
    Path download;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    /** One stored file; shard and attempt are null for the run's own files (the report). */
    record Artifact(Integer shard, Integer attempt, String path, long size, String lastModified, String location) {}

    @Override
    public Integer call() {
        Run run = root.cluster().run(name);
        try (ArtifactStore store = root.store(run)) {
            List<Artifact> artifacts = store.list("").stream()
                    .map(o -> artifact(o, store.location()))
                    .filter(a -> shard == null || shard.equals(a.shard()))
                    .filter(a -> test == null || matches(a.path(), test))
                    .toList();
            if (download != null) return download(store, artifacts);
            if (output == OutputFormat.json) {
                OutputFormat.printJson(root.out(), artifacts);
            } else if (artifacts.isEmpty()) {
                root.err().println("No artifacts" + (test == null ? "" : " of test " + test) + " in " + store.location());
            } else {
                Table table = new Table("SHARD", "ATTEMPT", "SIZE", "PATH");
                artifacts.forEach(a -> table.row(a.shard(), a.attempt(), size(a.size()), a.path()));
                root.out().print(table);
            }
        }
        return ExitCodes.OK;
    }

    private int download(ArtifactStore store, List<Artifact> artifacts) {
        long bytes = 0;
        for (Artifact a : artifacts) {
            String key = a.location().substring(store.location().length());
            Path target = download.resolve(key).normalize();
            if (!target.startsWith(download.normalize())) continue; // a key with '..' stays out of the folder
            store.download(key, target);
            root.out().println(target);
            bytes += a.size();
        }
        root.err().println("Downloaded " + artifacts.size() + " files (" + size(bytes) + ") to " + download);
        return ExitCodes.OK;
    }

    static Artifact artifact(ArtifactStore.StoredObject object, String runLocation) {
        Matcher m = SHARD_ATTEMPT.matcher(object.key());
        String modified = object.lastModified() == null ? null : object.lastModified().toString();
        return m.matches()
                ? new Artifact(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3), object.size(), modified, runLocation + object.key())
                : new Artifact(null, null, object.key(), object.size(), modified, runLocation + object.key());
    }

    /**
     * Whether a file belongs to a test: the SDK names a test's files {@code <class>#<method>-<kind>}, the runner
     * collects a suite's own under {@code tests/<class>/<method>/try-<n>/}; anything else matches as part of the path.
     */
    static boolean matches(String path, String test) {
        if (path.contains(test)) return true;
        String sdkStem = test.replaceAll("[^A-Za-z0-9._#@-]+", "_");
        if (path.contains(sdkStem + "-") || path.contains(sdkStem + ".")) return true;
        int hash = test.indexOf('#');
        if (hash < 0) return path.contains("tests/" + test + "/");
        String folder = "tests/" + test.substring(0, hash) + "/" + test.substring(hash + 1);
        return path.contains(folder + "/") || path.contains(folder + " ");
    }

    static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        if (bytes < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
