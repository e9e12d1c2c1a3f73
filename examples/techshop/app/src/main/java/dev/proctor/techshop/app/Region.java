package dev.proctor.techshop.app;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Where a visitor shops: decides the currency and whether the cookie-consent banner is shown. */
public enum Region {
    US("us", "USD", "$", new BigDecimal("1.00"), false),
    EU("eu", "EUR", "€", new BigDecimal("0.92"), true),
    APAC("apac", "SGD", "S$", new BigDecimal("1.35"), false);

    private final String code;
    private final String currency;
    private final String symbol;
    private final BigDecimal rateFromUsd;
    private final boolean needsConsent;

    Region(String code, String currency, String symbol, BigDecimal rateFromUsd, boolean needsConsent) {
        this.code = code;
        this.currency = currency;
        this.symbol = symbol;
        this.rateFromUsd = rateFromUsd;
        this.needsConsent = needsConsent;
    }

    /** @throws IllegalArgumentException naming the known regions */
    public static Region of(String code) {
        for (Region region : values()) {
            if (region.code.equalsIgnoreCase(code)) return region;
        }
        throw new IllegalArgumentException("unknown region '" + code + "' (us, eu, apac)");
    }

    public String code() { return code; }

    public String currency() { return currency; }

    public boolean needsConsent() { return needsConsent; }

    /** A USD price in cents, converted and written the local way, e.g. "€183.08". */
    public String format(long usdCents) {
        BigDecimal local = BigDecimal.valueOf(usdCents).movePointLeft(2).multiply(rateFromUsd)
                .setScale(2, RoundingMode.HALF_UP);
        return symbol + String.format(Locale.ROOT, "%,.2f", local);
    }
}
