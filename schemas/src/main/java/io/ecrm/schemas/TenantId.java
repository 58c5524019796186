package io.ecrm.schemas;

import java.util.regex.Pattern;

/**
 * A shop sharing the installation. Its id names its topics ({@code ecrm.<tenant>.<name>}), its
 * Kafka Streams application and its state directory, so it is restricted to characters that are
 * safe in all three.
 */
public record TenantId(String value) {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public TenantId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("a tenant id is 1 to 32 characters of a-z, 0-9 and '-', starting with a letter or digit; got '" + value + "'");
        }
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
