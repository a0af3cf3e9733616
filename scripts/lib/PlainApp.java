import dev.ferrite.Crypto;
import dev.ferrite.Ferrite;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The smallest application: Ferrite's two jars on the class path, no JVM flags. scripts/test.sh runs it as a
 * single-file program and expects the native backend on JDK 22+, the Java backend with the reason on JDK 17.
 */
public class PlainApp {
    public static void main(String[] args) {
        byte[] digest = Crypto.sha256().digest("abc".getBytes(StandardCharsets.US_ASCII));
        System.out.println("backend=" + Ferrite.backend());
        System.out.println("sha256(abc)=" + HexFormat.of().formatHex(digest));
        Ferrite.nativeLoadError().ifPresent(e -> System.out.println("nativeLoadError=" + e.getMessage()));
    }
}
