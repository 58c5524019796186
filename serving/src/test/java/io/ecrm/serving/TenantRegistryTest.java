package io.ecrm.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecrm.schemas.TenantId;
import io.ecrm.serving.tenants.ApiKey;
import io.ecrm.serving.tenants.Scope;
import io.ecrm.serving.tenants.TenantRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantRegistryTest {
    @TempDir
    Path dir;

    @Test
    void aKeyAuthenticatesItsTenantAndIsStoredOnlyHashed() throws Exception {
        TenantRegistry registry = TenantRegistry.open(dir.resolve("tenants.json"));
        ApiKey shop = registry.add(new TenantId("shop"), "Shop", List.of("https://shop.example"));
        ApiKey other = registry.add(new TenantId("other"), "Other", List.of());
        assertEquals(Optional.of(new TenantId("shop")), registry.authenticate(shop.text()).map(TenantRegistry.Caller::tenant));
        assertEquals(Optional.of(new TenantId("other")), registry.authenticate(other.text()).map(TenantRegistry.Caller::tenant));
        assertEquals(Scope.ALL, registry.authenticate(shop.text()).orElseThrow().scopes(), "a tenant's first key can do everything");
        assertEquals(Optional.empty(), registry.authenticate("ecrm_" + shop.keyId() + "_" + other.secret()),
                "a key id with another key's secret");
        assertEquals(Optional.empty(), registry.authenticate("not a key"));
        String file = Files.readString(dir.resolve("tenants.json"));
        assertFalse(file.contains(shop.secret()));
        assertTrue(file.contains(shop.keyId()));
        assertFalse(shop.toString().contains(shop.secret()), "a key never prints its secret");
    }

    @Test
    void rotatingAKeyRevokesTheOldOneAndARunningRegistrySeesIt() throws Exception {
        TenantRegistry running = TenantRegistry.open(dir.resolve("tenants.json"));
        ApiKey first = running.add(new TenantId("shop"), "Shop", List.of());
        TenantRegistry admin = TenantRegistry.open(dir.resolve("tenants.json"));
        Thread.sleep(1_100); // the running registry looks at the file at most once a second
        ApiKey second = admin.rotateKey(new TenantId("shop"));
        Thread.sleep(1_100);
        assertEquals(Optional.empty(), running.authenticate(first.text()));
        assertEquals(Optional.of(new TenantId("shop")), running.authenticate(second.text()).map(TenantRegistry.Caller::tenant));
    }

    @Test
    void aKeyAddedWithScopesHasOnlyThemAndARevokedOneStopsWorking() throws Exception {
        TenantRegistry registry = TenantRegistry.open(dir.resolve("tenants.json"));
        ApiKey owner = registry.add(new TenantId("shop"), "Shop", List.of());
        ApiKey desk = registry.addKey(new TenantId("shop"), "agent-desk", java.util.Set.of(Scope.READ));
        TenantRegistry.Caller caller = registry.authenticate(desk.text()).orElseThrow();
        assertEquals(java.util.Set.of(Scope.READ), caller.scopes());
        assertEquals("agent-desk", caller.keyName());
        assertEquals(caller, TenantRegistry.open(dir.resolve("tenants.json")).authenticate(desk.text()).orElseThrow(),
                "name and scopes are kept in the file");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> registry.addKey(new TenantId("shop"), "agent-desk", java.util.Set.of(Scope.READ)), "names are unique");
        registry.revokeKey(new TenantId("shop"), "agent-desk");
        assertEquals(Optional.empty(), registry.authenticate(desk.text()));
        assertTrue(registry.authenticate(owner.text()).isPresent(), "the tenant's other keys keep working");
    }

    @Test
    void aKeyStoredBeforeKeysHadScopesKeepsEveryScope() throws Exception {
        ApiKey old = ApiKey.parse("ecrm_0badc0de_a-key-stored-by-an-earlier-version").orElseThrow();
        io.ecrm.serving.tenants.StoredKey stored = old.toStored("2026-11-01T00:00:00Z", null, Scope.ALL);
        Files.writeString(dir.resolve("tenants.json"), String.format("{\"tenants\":[{\"id\":\"shop\",\"name\":\"Shop\","
                + "\"keys\":[{\"keyId\":\"%s\",\"salt\":\"%s\",\"hash\":\"%s\",\"createdAt\":\"%s\"}]}]}",
                stored.keyId(), stored.salt(), stored.hash(), stored.createdAt()));
        TenantRegistry.Caller caller = TenantRegistry.open(dir.resolve("tenants.json")).authenticate(old.text()).orElseThrow();
        assertEquals(Scope.ALL, caller.scopes());
        assertEquals("0badc0de", caller.keyName(), "called by its id");
    }
}
