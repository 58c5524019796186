package io.ecrm.ingest.logs;

import io.ecrm.schemas.EventDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * Who made a request: the first-party cookie when the log has one, else a visitor id made from
 * IP and user agent in which the raw IP never appears. By {@link IpHandling}: a salted hash of
 * IP and user agent, or the IP truncated to its network (/24 for IPv4, /48 for IPv6) with a
 * salted hash of the user agent. The raw IP never leaves this class.
 */
public final class VisitorIdentity {
    /** What becomes of the IP address before anything is stored. */
    public enum IpHandling {
        /** {@code h-<hash>}: a salted SHA-256 of IP and user agent; nothing of the IP can be read back. */
        HASH,
        /** {@code n-<network>-<hash>}: the IP's /24 (IPv4) or /48 (IPv6) network, and a salted hash of the user agent. */
        TRUNCATE;

        /** {@code hash} or {@code truncate}; the message names the choices. */
        public static IpHandling named(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "hash" -> HASH;
                case "truncate" -> TRUNCATE;
                default -> throw new IllegalArgumentException("IP handling must be hash or truncate, was '" + name + "'");
            };
        }
    }

    private final String cookieName;
    private final byte[] salt;
    private final IpHandling ipHandling;

    public VisitorIdentity(String cookieName, String salt, IpHandling ipHandling) {
        this.cookieName = cookieName;
        this.salt = salt.getBytes(StandardCharsets.UTF_8);
        this.ipHandling = ipHandling;
    }

    public String of(AccessLogLine line) {
        if (line.cookie() != null && cookieName != null) {
            String value = cookie(line.cookie(), cookieName);
            if (value != null && !value.isBlank() && value.length() <= EventDecoder.MAX_ID_LENGTH
                    && value.chars().noneMatch(Character::isISOControl)) {
                return value; // else not an id the schema takes: the visitor is made from IP and user agent
            }
        }
        String userAgent = line.userAgent() == null ? "" : line.userAgent();
        String network = ipHandling == IpHandling.TRUNCATE ? network(line.host()) : null;
        if (network != null) {
            return "n-" + network + "-" + hash(userAgent);
        }
        // HASH, or a host that is no IP address (a logged host name): nothing of it is kept readable
        return "h-" + hash(line.host() + '\u0000' + userAgent);
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

    /** The /24 of an IPv4 or the /48 of an IPv6 address, as text; null when the host is not an IP address. */
    static String network(String host) {
        if (host == null) {
            return null;
        }
        String[] quads = host.split("\\.", -1);
        if (quads.length == 4 && java.util.Arrays.stream(quads).allMatch(VisitorIdentity::isOctet)) {
            return quads[0] + "." + quads[1] + "." + quads[2] + ".0";
        }
        if (host.indexOf(':') >= 0 && host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            try {
                // an IPv6 literal: parsed without any name lookup
                byte[] address = java.net.InetAddress.getByName(host).getAddress();
                if (address.length == 16) {
                    return String.format("%x:%x:%x::", (address[0] & 0xff) << 8 | (address[1] & 0xff),
                            (address[2] & 0xff) << 8 | (address[3] & 0xff), (address[4] & 0xff) << 8 | (address[5] & 0xff));
                }
            } catch (java.net.UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean isOctet(String part) {
        return !part.isEmpty() && part.length() <= 3 && part.chars().allMatch(c -> c >= '0' && c <= '9')
                && Integer.parseInt(part) <= 255;
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
