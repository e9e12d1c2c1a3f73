package dev.proctor.core.alert.payload;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signature of a webhook body, sent as {@code X-Proctor-Signature: sha256=<hex>} (GitHub's form), so a
 * receiver can check that the body came from Proctor and was not altered. Sign the exact bytes sent.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Proctor-Signature";
    public static final String PREFIX = "sha256=";

    private WebhookSignature() {}

    /** The header value for {@code body}. */
    public static String sign(byte[] secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    public static String sign(String secret, String body) {
        return sign(secret.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8));
    }

    /** Constant-time check of a received header value. */
    public static boolean verify(byte[] secret, byte[] body, String header) {
        if (header == null) return false;
        return MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.US_ASCII),
                header.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // An empty key is legal for HMAC but not for SecretKeySpec; a single zero byte is the same HMAC key.
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
