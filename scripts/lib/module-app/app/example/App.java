package example;

import dev.ferrite.Crypto;
import dev.ferrite.Ferrite;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Uses the public API from a named module; scripts/test.sh runs it with the jars on the module path. */
public class App {
    public static void main(String[] args) {
        byte[] digest = Crypto.sha256().digest("abc".getBytes(StandardCharsets.US_ASCII));
        System.out.println("backend=" + Ferrite.backend());
        System.out.println("sha256(abc)=" + HexFormat.of().formatHex(digest));
        Ferrite.nativeLoadError().ifPresent(e -> System.out.println("nativeLoadError=" + e.getMessage()));
    }
}
