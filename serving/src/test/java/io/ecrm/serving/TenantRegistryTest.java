package io.ecrm.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecrm.schemas.TenantId;
import io.ecrm.serving.tenants.ApiKey;
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
        assertEquals(Optional.of(new TenantId("shop")), registry.authenticate(shop.text()));
        assertEquals(Optional.of(new TenantId("other")), registry.authenticate(other.text()));
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
        assertEquals(Optional.of(new TenantId("shop")), running.authenticate(second.text()));
    }
}
