package dev.proctor.techshop.app;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Server-side state per browser: who is signed in and what is in the cart. Lives as long as the app. */
final class Sessions {
    static final String COOKIE = "TS_SESSION";
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** One visitor's state; methods are synchronized because a browser may send requests in parallel. */
    static final class Session {
        private String user;
        private final Map<String, Integer> cart = new LinkedHashMap<>();

        synchronized String user() { return user; }

        synchronized void signIn(String name) { user = name; }

        synchronized void signOut() { user = null; }

        synchronized void add(String productId) { cart.merge(productId, 1, Integer::sum); }

        synchronized void remove(String productId) { cart.remove(productId); }

        synchronized Map<String, Integer> cart() { return new LinkedHashMap<>(cart); }

        synchronized void clearCart() { cart.clear(); }
    }

    Session find(String id) {
        return id == null ? null : byId.get(id);
    }

    /** @return the new session's id, to be sent as a cookie */
    String create() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byId.put(id, new Session());
        return id;
    }
}
