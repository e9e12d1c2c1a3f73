package dev.proctor.techshop.app;

import static dev.proctor.techshop.app.Html.esc;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Cart and checkout. Checkout sits behind the "checkout" feature flag and needs a signed-in visitor. */
final class CartPages {
    private final Catalog catalog;
    private final AppOptions options;
    private final AtomicInteger orderNumbers = new AtomicInteger(1000);

    CartPages(Catalog catalog, AppOptions options) {
        this.catalog = catalog;
        this.options = options;
    }

    void cart(Visit visit) throws IOException {
        Map<String, Integer> cart = visit.session.cart();
        StringBuilder main = new StringBuilder("<h1>Cart</h1>");
        if (cart.isEmpty()) {
            main.append("<p data-test=\"cart-empty\">Your cart is empty.</p>");
        } else {
            main.append("<ul aria-label=\"Cart items\" style=\"list-style:none;padding:0\">");
            cart.forEach((id, qty) -> catalog.find(id).ifPresent(p -> main
                    .append("<li data-test=\"cart-item\">").append(esc(p.name())).append(" × ")
                    .append("<span data-test=\"qty\">").append(qty).append("</span> ")
                    .append("<form method=\"post\" action=\"/cart/remove\" style=\"display:inline\">")
                    .append("<input type=\"hidden\" name=\"id\" value=\"").append(esc(id)).append("\">")
                    .append("<button type=\"submit\" aria-label=\"Remove ").append(esc(p.name()))
                    .append("\">Remove</button></form></li>")));
            main.append("</ul><p>Total: <span data-test=\"cart-total\">")
                    .append(visit.region.format(totalCents(cart))).append("</span></p>");
            if (options.checkoutEnabled()) main.append("<p><a href=\"/checkout\">Checkout</a></p>");
        }
        visit.page(200, "Cart", main.toString());
    }

    void add(Visit visit) throws IOException {
        String id = visit.exchange.form("id");
        if (id != null && catalog.find(id).isPresent()) visit.session.add(id);
        visit.exchange.redirect("/cart");
    }

    void remove(Visit visit) throws IOException {
        visit.session.remove(visit.exchange.form("id"));
        visit.exchange.redirect("/cart");
    }

    void checkout(Visit visit) throws IOException {
        if (!options.checkoutEnabled()) {
            visit.page(404, "Not available", "<h1 data-test=\"checkout-unavailable\">Checkout is not available</h1>");
            return;
        }
        if (visit.session.user() == null) {
            visit.exchange.redirect("/login?next=/checkout");
            return;
        }
        Map<String, Integer> cart = visit.session.cart();
        if (cart.isEmpty()) {
            visit.page(200, "Checkout", "<h1>Checkout</h1><p data-test=\"cart-empty\">Your cart is empty.</p>");
            return;
        }
        if (visit.exchange.method().equals("GET")) {
            visit.page(200, "Checkout", "<h1>Checkout</h1><p>Total: <span data-test=\"checkout-total\">"
                    + visit.region.format(totalCents(cart)) + "</span></p>"
                    + "<form method=\"post\" action=\"/checkout\"><button type=\"submit\">Place order</button></form>");
            return;
        }
        String total = visit.region.format(totalCents(cart));
        visit.session.clearCart();
        visit.page(200, "Order confirmed", "<h1>Thank you</h1><p data-test=\"order-confirmation\">Order TS-"
                + orderNumbers.incrementAndGet() + " confirmed, " + total + "</p>");
    }

    private long totalCents(Map<String, Integer> cart) {
        return cart.entrySet().stream()
                .mapToLong(e -> catalog.find(e.getKey()).map(p -> p.usdCents() * e.getValue()).orElse(0L))
                .sum();
    }
}
