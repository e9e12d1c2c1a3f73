package dev.proctor.techshop.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The TechShop demo: a small shop on the JDK's HTTP server (no framework, so it starts in milliseconds inside a
 * test). {@link #start} binds the given host and port (0 = any free port) and returns a running instance.
 */
public final class TechShopApp implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService workers;
    private final Switches switches;

    private TechShopApp(HttpServer server, ExecutorService workers, Switches switches) {
        this.server = server;
        this.workers = workers;
        this.switches = switches;
    }

    public static TechShopApp start(AppOptions options) throws IOException {
        Switches switches = new Switches();
        HttpServer server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
        ExecutorService workers = Executors.newFixedThreadPool(16, runnable -> {
            Thread thread = new Thread(runnable, "techshop-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", new Router(options, switches)::handle);
        server.start();
        return new TechShopApp(server, workers, switches);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    /** The faults tests may plant while the app runs. */
    public Switches switches() {
        return switches;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    public static void main(String[] args) throws IOException {
        TechShopApp app = start(AppOptions.parse(args, System.getenv()));
        System.out.println("TechShop listening on " + app.baseUrl());
    }

    /** Maps paths to pages; anything unknown is a 404 page, any exception a 500 that names no internals. */
    private static final class Router {
        private final AppOptions options;
        private final Switches switches;
        private final Sessions sessions = new Sessions();
        private final StorePages store;
        private final AccountPages account;
        private final CartPages cart;

        Router(AppOptions options, Switches switches) {
            Catalog catalog = new Catalog();
            this.options = options;
            this.switches = switches;
            this.store = new StorePages(catalog, switches, options);
            this.account = new AccountPages(options);
            this.cart = new CartPages(catalog, options);
        }

        void handle(HttpExchange http) throws IOException {
            Exchange exchange = new Exchange(http, switches);
            try {
                route(exchange);
            } catch (RuntimeException e) {
                exchange.html(500, "<!DOCTYPE html><html lang=\"en\"><title>Error</title><h1>Something went wrong</h1>");
            } finally {
                http.close();
            }
        }

        private void route(Exchange exchange) throws IOException {
            String path = exchange.path();
            if (path.equals("/health")) {
                exchange.json(200, "{\"status\":\"UP\"}");
                return;
            }
            Visit visit = Visit.begin(exchange, sessions, options, switches);
            switch (path) {
                case "/" -> store.home(visit);
                case "/catalog" -> store.catalog(visit);
                case "/deals" -> store.deals(visit);
                case "/reports/warehouse" -> store.warehouseReport(visit);
                case "/login" -> account.login(visit);
                case "/logout" -> account.logout(visit);
                case "/consent" -> account.consent(visit);
                case "/cart" -> cart.cart(visit);
                case "/cart/add" -> cart.add(visit);
                case "/cart/remove" -> cart.remove(visit);
                case "/checkout" -> cart.checkout(visit);
                default -> {
                    if (path.startsWith("/product/")) {
                        store.product(visit, path.substring("/product/".length()));
                    } else {
                        visit.page(404, "Not found", "<h1>Page not found</h1>");
                    }
                }
            }
        }
    }
}
