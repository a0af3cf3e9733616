package dev.ferrite.cli;

import dev.ferrite.Backend;
import java.util.stream.Stream;

/**
 * The backends a CLI test class runs on, as java-api's {@code TestBackends}: both on JDK 22 and newer (where the
 * native one must load: a test needing it fails, never skips), the Java backend alone below. Each run passes
 * {@code --backend native|java} to the command.
 */
final class CliBackends {
    private CliBackends() {}

    static Stream<Backend> all() {
        return Runtime.version().feature() >= 22 ? Stream.of(Backend.values()) : Stream.of(Backend.JAVA);
    }

    static String option(Backend backend) {
        return "--backend=" + backend.name().toLowerCase(java.util.Locale.ROOT);
    }
}
