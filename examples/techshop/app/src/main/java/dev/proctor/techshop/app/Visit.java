package dev.proctor.techshop.app;

import java.io.IOException;

/**
 * What a page needs to know about the visitor: their session (created on first visit), region (a
 * {@code ?region=} parameter switches and remembers it) and whether they still have to answer the consent banner.
 */
final class Visit {
    static final String REGION_COOKIE = "TS_REGION";
    static final String CONSENT_COOKIE = "TS_CONSENT";

    final Exchange exchange;
    final Sessions.Session session;
    final Region region;
    private final Switches switches;

    private Visit(Exchange exchange, Sessions.Session session, Region region, Switches switches) {
        this.exchange = exchange;
        this.session = session;
        this.region = region;
        this.switches = switches;
    }

    static Visit begin(Exchange exchange, Sessions sessions, AppOptions options, Switches switches) {
        Sessions.Session session = sessions.find(exchange.cookie(Sessions.COOKIE));
        if (session == null) {
            String id = sessions.create();
            session = sessions.find(id);
            exchange.setCookie(Sessions.COOKIE, id, true);
        }
        Region region = options.defaultRegion();
        String chosen = exchange.query("region");
        if (chosen != null) {
            region = Region.of(chosen);
            exchange.setCookie(REGION_COOKIE, region.code(), true);
        } else if (exchange.cookie(REGION_COOKIE) != null) {
            region = Region.of(exchange.cookie(REGION_COOKIE));
        }
        return new Visit(exchange, session, region, switches);
    }

    void page(int status, String title, String main) throws IOException {
        boolean banner = region.needsConsent() && exchange.cookie(CONSENT_COOKIE) == null;
        boolean violation = switches.a11yViolation() && exchange.path().equals("/");
        exchange.html(status, Html.page(new Html.Frame(title, region, session.user(), banner, violation), main));
    }
}
