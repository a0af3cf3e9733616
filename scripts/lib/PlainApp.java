import dev.ferrite.Crypto;
import dev.ferrite.Ferrite;
import dev.ferrite.jca.FerriteProvider;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;
import java.util.HexFormat;

/**
 * The smallest application: Ferrite's two jars on the class path, no JVM flags. scripts/test.sh runs it as a
 * single-file program and expects the native backend on JDK 22+, the Java backend with the reason on JDK 17.
 */
public class PlainApp {
    public static void main(String[] args) throws Exception {
        byte[] digest = Crypto.sha256().digest("abc".getBytes(StandardCharsets.US_ASCII));
        System.out.println("backend=" + Ferrite.backend());
        System.out.println("sha256(abc)=" + HexFormat.of().formatHex(digest));
        Ferrite.nativeLoadError().ifPresent(e -> System.out.println("nativeLoadError=" + e.getMessage()));

        // The JCA: sign through Ferrite's provider, verify with the JDK's own (SunEC).
        Security.addProvider(new FerriteProvider());
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519", "SunEC").generateKeyPair();
        byte[] message = "plain app".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("Ed25519", "Ferrite");
        signer.initSign(pair.getPrivate());
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("Ed25519", "SunEC");
        verifier.initVerify(pair.getPublic());
        verifier.update(message);
        System.out.println("jca=" + signer.getProvider().getName() + " signed, SunEC verified " + verifier.verify(signature));
    }
}
