package dev.proctor.techshop.app;

import static dev.proctor.techshop.app.Html.esc;

import java.io.IOException;
import java.util.List;

/** Browsing: home, catalog with search, product pages, deals (the flaky one) and the slow report. */
final class StorePages {
    private final Catalog catalog;
    private final Switches switches;
    private final AppOptions options;

    StorePages(Catalog catalog, Switches switches, AppOptions options) {
        this.catalog = catalog;
        this.switches = switches;
        this.options = options;
    }

    void home(Visit visit) throws IOException {
        StringBuilder main = new StringBuilder("<h1>Welcome to TechShop</h1>")
                .append("<form role=\"search\" action=\"/catalog\" method=\"get\">")
                .append("<label for=\"q\">Search products</label> ")
                .append("<input id=\"q\" name=\"q\" type=\"search\"> <button type=\"submit\">Search</button></form>")
                .append("<h2>Featured</h2>");
        appendProducts(main, visit.region, catalog.all().subList(0, 3));
        visit.page(200, "Home", main.toString());
    }

    void catalog(Visit visit) throws IOException {
        String query = visit.exchange.query("q");
        List<Product> found = switches.brokenSearch() && query != null ? List.of() : catalog.search(query);
        StringBuilder main = new StringBuilder("<h1>Catalog</h1>")
                .append("<form role=\"search\" action=\"/catalog\" method=\"get\">")
                .append("<label for=\"q\">Search products</label> ")
                .append("<input id=\"q\" name=\"q\" type=\"search\" value=\"").append(esc(query)).append("\"> ")
                .append("<button type=\"submit\">Search</button></form>")
                .append("<p data-test=\"result-count\">").append(found.size()).append(" products</p>");
        appendProducts(main, visit.region, found);
        visit.page(200, "Catalog", main.toString());
    }

    void product(Visit visit, String id) throws IOException {
        var product = catalog.find(id);
        if (product.isEmpty()) {
            visit.page(404, "Not found", "<h1>Product not found</h1>");
            return;
        }
        Product p = product.get();
        visit.page(200, p.name(), "<h1 data-test=\"product-name\">" + esc(p.name()) + "</h1>"
                + "<p>" + esc(p.description()) + "</p><p class=\"price\" data-test=\"price\">"
                + visit.region.format(p.usdCents()) + "</p>"
                + "<form method=\"post\" action=\"/cart/add\"><input type=\"hidden\" name=\"id\" value=\""
                + esc(p.id()) + "\"><button type=\"submit\">Add to cart</button></form>");
    }

    void deals(Visit visit) throws IOException {
        if (switches.failThisDealsRequest()) {
            visit.page(503, "Unavailable", "<h1>Deals are temporarily unavailable</h1>");
            return;
        }
        StringBuilder main = new StringBuilder("<h1>Deals</h1><p data-test=\"deals-banner\">20% off audio</p>");
        appendProducts(main, visit.region, catalog.search("audio"));
        visit.page(200, "Deals", main.toString());
    }

    /** Deliberately slow: the one page whose test dominates its class's duration. */
    void warehouseReport(Visit visit) throws IOException {
        try {
            Thread.sleep(options.slowPageMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        visit.page(200, "Warehouse report", "<h1>Warehouse report</h1><p data-test=\"stock\">"
                + catalog.all().size() + " products in stock</p>");
    }

    private static void appendProducts(StringBuilder main, Region region, List<Product> products) {
        main.append("<ul aria-label=\"Products\" style=\"list-style:none;padding:0\">");
        for (Product p : products) {
            main.append("<li class=\"product\" data-test=\"product\"><a href=\"/product/").append(esc(p.id()))
                    .append("\">").append(esc(p.name())).append("</a> <span class=\"price\">")
                    .append(region.format(p.usdCents())).append("</span></li>");
        }
        main.append("</ul>");
    }
}
