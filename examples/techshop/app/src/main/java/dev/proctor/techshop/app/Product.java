package dev.proctor.techshop.app;

/** One catalog item; prices are kept in USD cents and converted per region when shown. */
public record Product(String id, String name, String category, long usdCents, String description) {}
