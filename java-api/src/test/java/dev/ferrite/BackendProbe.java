package dev.ferrite;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Child-JVM entry point for {@link BackendSelectionTest}: prints what Ferrite chose, one fact a line. */
public final class BackendProbe {
    private BackendProbe() {}

    /**
     * Prints the backend, the load error and a digest.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        try {
            System.out.println("backend=" + Ferrite.backend());
        } catch (RuntimeException e) {
            System.out.println("backend threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        System.out.println("nativeLoadError=" + Ferrite.nativeLoadError().map(Throwable::getMessage).orElse("none"));
        try {
            var sha = Crypto.sha256();
            byte[] digest = sha.digest("abc".getBytes(StandardCharsets.US_ASCII));
            System.out.println("sha256=" + sha.backend() + " " + HexFormat.of().formatHex(digest));
        } catch (RuntimeException e) {
            System.out.println("sha256 threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
