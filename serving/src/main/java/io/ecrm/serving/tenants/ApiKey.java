package io.ecrm.serving.tenants;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An API key as a shop holds it: {@code ecrm_<keyId>_<secret>}. The key id is public and finds the
 * stored record; only a salted SHA-256 hash of the secret is stored, and a presented secret is
 * compared with it in constant time. Secrets are 32 random bytes, so a fast hash is enough: there
 * is nothing to guess.
 */
public record ApiKey(String keyId, String secret) {
    private static final Pattern FORMAT = Pattern.compile("ecrm_([0-9a-f]{8})_([A-Za-z0-9_-]{16,128})");
    private static final SecureRandom RANDOM = new SecureRandom();

    public static ApiKey generate() {
        byte[] id = new byte[4];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        return new ApiKey(HexFormat.of().formatHex(id), java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Reads a presented key; empty when it is not of the key format. */
    public static Optional<ApiKey> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(text);
        return matcher.matches() ? Optional.of(new ApiKey(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    public String text() {
        return "ecrm_" + keyId + "_" + secret;
    }

    /** The stored form: key id, salt and hash, never the secret; with the key's name (may be null) and scopes. */
    public StoredKey toStored(String createdAt, String name, java.util.Set<Scope> scopes) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        return new StoredKey(keyId, saltHex, hash(saltHex, secret), createdAt, name, scopes);
    }

    /** True when this key's secret hashes to the stored hash; the comparison takes the same time however much matches. */
    public boolean matches(StoredKey stored) {
        return stored.keyId().equals(keyId) && MessageDigest.isEqual(
                hash(stored.salt(), secret).getBytes(StandardCharsets.US_ASCII),
                stored.hash().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * A digest per thread: looking SHA-256 up among the security providers (by
     * {@code MessageDigest.getInstance}) took a quarter of the CPU of a request refused for its
     * tenant's quota, on every keyed request (bench serve --noisy-tenant, JFR).
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    static String hash(String saltHex, String secret) {
        MessageDigest sha = SHA_256.get();
        sha.reset();
        sha.update(HexFormat.of().parseHex(saltHex));
        return HexFormat.of().formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "ApiKey[" + keyId + "]"; // never the secret, not even in logs
    }
}
