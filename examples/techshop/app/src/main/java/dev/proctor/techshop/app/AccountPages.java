package dev.proctor.techshop.app;

import static dev.proctor.techshop.app.Html.esc;

import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/** Sign-in, sign-out and the cookie-consent answer. */
final class AccountPages {
    private final AppOptions options;

    AccountPages(AppOptions options) {
        this.options = options;
    }

    void login(Visit visit) throws IOException {
        if (visit.exchange.method().equals("GET")) {
            visit.page(200, "Sign in", form(visit.exchange.query("next"), null));
            return;
        }
        String user = visit.exchange.form("username");
        String password = visit.exchange.form("password");
        String next = visit.exchange.form("next");
        if (options.username().equals(user) && sameSecret(options.password(), password)) {
            visit.session.signIn(user);
            visit.exchange.redirect(next == null || next.isBlank() || !next.startsWith("/") ? "/catalog" : next);
        } else {
            visit.page(401, "Sign in", form(next, "Invalid username or password"));
        }
    }

    void logout(Visit visit) throws IOException {
        visit.session.signOut();
        visit.exchange.redirect("/");
    }

    void consent(Visit visit) throws IOException {
        visit.exchange.setCookie(Visit.CONSENT_COOKIE, "yes", true);
        visit.exchange.redirect("/");
    }

    private static boolean sameSecret(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private static String form(String next, String error) {
        return "<h1>Sign in</h1>" + (error == null ? "" : "<p class=\"error\" role=\"alert\" data-test=\"login-error\">"
                + esc(error) + "</p>")
                + "<form method=\"post\" action=\"/login\">"
                + "<input type=\"hidden\" name=\"next\" value=\"" + esc(next) + "\">"
                + "<p><label for=\"username\">Username</label> <input id=\"username\" name=\"username\" "
                + "autocomplete=\"username\"></p>"
                + "<p><label for=\"password\">Password</label> <input id=\"password\" name=\"password\" "
                + "type=\"password\" autocomplete=\"current-password\"></p>"
                + "<button type=\"submit\">Sign in</button></form>";
    }
}
