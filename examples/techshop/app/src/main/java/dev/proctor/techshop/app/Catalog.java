package dev.proctor.techshop.app;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The fixed demo assortment. Fixed so that the suite can assert on names and counts. */
public final class Catalog {
    private static final List<Product> PRODUCTS = List.of(
            new Product("laptop-pro-14", "Laptop Pro 14", "laptops", 149_900, "14-inch laptop, 32 GB memory."),
            new Product("laptop-air-13", "Laptop Air 13", "laptops", 99_900, "Light 13-inch laptop."),
            new Product("phone-x", "Phone X", "phones", 79_900, "6.1-inch phone with three cameras."),
            new Product("phone-mini", "Phone Mini", "phones", 59_900, "A phone that fits in any pocket."),
            new Product("headphones-nc", "Noise-Cancelling Headphones", "audio", 29_900, "Over-ear, 30 h battery."),
            new Product("earbuds", "Wireless Earbuds", "audio", 14_900, "In-ear with charging case."),
            new Product("monitor-27", "Monitor 27 4K", "displays", 44_900, "27-inch 4K IPS monitor."),
            new Product("keyboard", "Mechanical Keyboard", "accessories", 12_900, "Tactile switches, backlit."));

    public List<Product> all() {
        return PRODUCTS;
    }

    /** Case-insensitive match on name or category; a blank query lists everything. */
    public List<Product> search(String query) {
        if (query == null || query.isBlank()) return PRODUCTS;
        String q = query.trim().toLowerCase(Locale.ROOT);
        return PRODUCTS.stream()
                .filter(p -> p.name().toLowerCase(Locale.ROOT).contains(q) || p.category().contains(q))
                .toList();
    }

    public Optional<Product> find(String id) {
        return PRODUCTS.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
