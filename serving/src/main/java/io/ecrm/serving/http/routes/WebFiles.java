package io.ecrm.serving.http.routes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The static files the engine serves, read once from {@code web/} on the class path. */
final class WebFiles {
    private WebFiles() {
    }

    /** The bytes of {@code web/<name>}; a file missing from the jar is a build fault, not a request's. */
    static byte[] read(String name) {
        try (InputStream in = WebFiles.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("web/" + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
