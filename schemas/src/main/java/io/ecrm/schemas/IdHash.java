package io.ecrm.schemas;

import java.nio.charset.StandardCharsets;

/**
 * A stable 64-bit hash of an id: FNV-1a over its UTF-8 bytes, then a 64-bit finaliser so that
 * similar ids spread over every bit. Stable across versions and machines: stored state holds
 * these hashes (the recent event ids of a visitor) and experiments split visitors by them.
 */
public final class IdHash {
    private IdHash() {
    }

    public static long of(String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /** The hash spread evenly over [0, 1). */
    public static double unit(String id) {
        return (of(id) >>> 11) * 0x1.0p-53;
    }
}
