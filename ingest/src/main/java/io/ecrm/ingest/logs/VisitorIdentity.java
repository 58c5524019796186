package io.ecrm.ingest.logs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Who made a request: the first-party cookie when the log has one, else a salted hash of IP and
 * user agent. The raw IP never leaves this class: only the hash is stored.
 */
public final class VisitorIdentity {
    private final String cookieName;
    private final byte[] salt;

    public VisitorIdentity(String cookieName, String salt) {
        this.cookieName = cookieName;
        this.salt = salt.getBytes(StandardCharsets.UTF_8);
    }

    public String of(AccessLogLine line) {
        if (line.cookie() != null && cookieName != null) {
            String value = cookie(line.cookie(), cookieName);
            if (value != null && !value.isEmpty() && value.length() <= 128) {
                return value;
            }
        }
        return "h-" + hash(line.host() + '\u0000' + (line.userAgent() == null ? "" : line.userAgent()));
    }

    static String cookie(String header, String name) {
        for (String part : header.split(";")) {
            String pair = part.strip();
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    private String hash(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            byte[] digest = sha.digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
