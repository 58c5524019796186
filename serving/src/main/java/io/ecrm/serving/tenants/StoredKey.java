package io.ecrm.serving.tenants;

/** An API key as stored: its public id, the salt and the SHA-256 hash of salt and secret (hex). */
public record StoredKey(String keyId, String salt, String hash, String createdAt) {
}
