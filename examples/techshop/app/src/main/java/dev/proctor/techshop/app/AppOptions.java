package dev.proctor.techshop.app;

import java.util.HashMap;
import java.util.Map;

/**
 * How one TechShop instance behaves. Tests build it in code; {@link #parse} reads {@code --key=value}
 * arguments for the command line, so a demo can be started with the same knobs.
 *
 * @param port            0 picks a free port
 * @param defaultRegion   region for visitors who did not choose one
 * @param checkoutEnabled the "checkout" feature flag: off, the checkout page answers 404
 * @param slowPageMillis  how long {@code /reports/warehouse} takes, the page that duration balancing should notice
 * @param username        the demo account
 * @param password        its password (from {@code TECHSHOP_PASSWORD} on the command line, so it can be a secret)
 */
public record AppOptions(String host, int port, Region defaultRegion, boolean checkoutEnabled, long slowPageMillis,
                         String username, String password) {

    public static final String DEFAULT_USERNAME = "shopper";
    public static final String DEFAULT_PASSWORD = "correct-horse-battery";

    public AppOptions {
        host = host == null ? "127.0.0.1" : host;
        defaultRegion = defaultRegion == null ? Region.US : defaultRegion;
        username = username == null ? DEFAULT_USERNAME : username;
        password = password == null ? DEFAULT_PASSWORD : password;
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, was " + port);
        if (slowPageMillis < 0) throw new IllegalArgumentException("slowPageMillis must be >= 0");
    }

    public static AppOptions defaults() {
        return new AppOptions("127.0.0.1", 0, Region.US, true, 1200, null, null);
    }

    public AppOptions withPort(int newPort) {
        return new AppOptions(host, newPort, defaultRegion, checkoutEnabled, slowPageMillis, username, password);
    }

    public AppOptions withCheckout(boolean enabled) {
        return new AppOptions(host, port, defaultRegion, enabled, slowPageMillis, username, password);
    }

    public AppOptions withPassword(String newPassword) {
        return new AppOptions(host, port, defaultRegion, checkoutEnabled, slowPageMillis, username, newPassword);
    }

    public AppOptions withSlowPageMillis(long millis) {
        return new AppOptions(host, port, defaultRegion, checkoutEnabled, millis, username, password);
    }

    /** {@code --port=8080 --region=eu --checkout=false --slow-ms=500 --host=0.0.0.0}; the password from env. */
    public static AppOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --key=value, got '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            values.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        AppOptions d = defaults();
        return new AppOptions(
                values.getOrDefault("host", d.host()),
                Integer.parseInt(values.getOrDefault("port", "8080")),
                Region.of(values.getOrDefault("region", d.defaultRegion().code())),
                Boolean.parseBoolean(values.getOrDefault("checkout", "true")),
                Long.parseLong(values.getOrDefault("slow-ms", String.valueOf(d.slowPageMillis()))),
                env.getOrDefault("TECHSHOP_USERNAME", d.username()),
                env.getOrDefault("TECHSHOP_PASSWORD", d.password()));
    }
}
