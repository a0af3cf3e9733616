package example;

import dev.ferrite.Crypto;
import dev.ferrite.Ferrite;
import dev.ferrite.hpke.HpkeSealed;
import dev.ferrite.hpke.HpkeSuite;
import dev.ferrite.x25519.X25519KeyPair;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** Uses the public API from a named module; scripts/test.sh runs it with the jars on the module path. */
public class App {
    public static void main(String[] args) throws Exception {
        byte[] digest = Crypto.sha256().digest("abc".getBytes(StandardCharsets.US_ASCII));
        System.out.println("backend=" + Ferrite.backend());
        System.out.println("sha256(abc)=" + HexFormat.of().formatHex(digest));
        // HPKE reads an X25519 private key's secret across packages (dev.ferrite.internal), and its Java backend uses
        // Bouncy Castle's module: both must work on the module path.
        byte[] message = "to the enclave".getBytes(StandardCharsets.US_ASCII);
        try (X25519KeyPair recipient = Crypto.x25519().generateKeyPair()) {
            HpkeSealed sealed = Crypto.hpke().seal(HpkeSuite.X25519_SHA256_AES_256_GCM, recipient.publicKey(),
                    new byte[0], new byte[0], message);
            byte[] opened = Crypto.hpke().open(HpkeSuite.X25519_SHA256_AES_256_GCM, sealed.enc(),
                    recipient.privateKey(), new byte[0], new byte[0], sealed.ciphertext());
            System.out.println("hpke=" + (Arrays.equals(message, opened) ? "ok" : "WRONG"));
        }
        Ferrite.nativeLoadError().ifPresent(e -> System.out.println("nativeLoadError=" + e.getMessage()));
    }
}
