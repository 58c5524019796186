package io.ecrm.serving;

import io.ecrm.schemas.TenantId;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/** Engine settings for tests: everything on 127.0.0.1 on free ports, data in a test folder. */
final class TestEngines {
    private TestEngines() {
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static EngineSettings embedded(Path dataDir, String... tenants) throws IOException {
        EngineSettings d = EngineSettings.DEFAULTS;
        List<TenantId> ids = tenants.length == 0 ? d.tenants() : List.of(tenants).stream().map(TenantId::new).toList();
        return new EngineSettings("127.0.0.1", 0, null, freePort(), freePort(), dataDir, ids, "test-1",
                100, 64 * 1024, d.maxCount(), List.of("https://shop.example"), d.streams(), d.recommender());
    }
}
