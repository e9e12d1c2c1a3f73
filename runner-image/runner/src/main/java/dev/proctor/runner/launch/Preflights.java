package dev.proctor.runner.launch;

import dev.proctor.runner.spi.Preflight;
import java.util.Map;
import java.util.ServiceLoader;

/** Runs the suite libraries' {@link Preflight} checks; the first that fails stops the shard with its message. */
final class Preflights {
    private Preflights() {}

    /** @return the names of the checks that ran */
    static java.util.List<String> run(Map<String, String> env) {
        java.util.List<String> names = new java.util.ArrayList<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (Preflight preflight : ServiceLoader.load(Preflight.class, loader)) {
            names.add(preflight.name());
            try {
                preflight.check(env);
            } catch (RuntimeException e) {
                throw new RunnerError(preflight.name() + ": " + e.getMessage(), e);
            }
        }
        return names;
    }
}
