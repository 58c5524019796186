package io.ecrm.serving.tenants;

import java.util.EnumSet;
import java.util.Set;

/**
 * An API key as stored: its public id, the salt and the SHA-256 hash of salt and secret (hex), when
 * it was made, a name for people (who holds it: {@code agent-desk}) and its scopes. A key stored
 * before keys had names and scopes has none: it is called by its id and has every scope, as it did.
 */
public record StoredKey(String keyId, String salt, String hash, String createdAt, String name, Set<Scope> scopes) {
    public StoredKey {
        scopes = scopes == null || scopes.isEmpty() ? Scope.ALL : Set.copyOf(EnumSet.copyOf(scopes));
    }

    /** The key's name, else its id. */
    public String displayName() {
        return name == null ? keyId : name;
    }
}
