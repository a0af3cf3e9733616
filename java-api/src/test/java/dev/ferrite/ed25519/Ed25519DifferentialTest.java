package dev.ferrite.ed25519;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.Ferrite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The two backends against each other on random input: Ed25519 is deterministic, so for every seed and message the
 * native signature must equal the Java one, and each backend must accept the other's signatures and reject them
 * altered. Needs the native library (the build always provides it).
 */
@Tag("native")
class Ed25519DifferentialTest {
    @Test
    void tenThousandRandomKeysAndMessages_nativeSignatureEqualsJavaSignature() {
        assertTrue(Ferrite.isAvailable(Backend.NATIVE), "the native backend must be available for this test");
        Ed25519 nativeEd = Crypto.ed25519(Backend.NATIVE);
        Ed25519 javaEd = Crypto.ed25519(Backend.JAVA);
        SplittableRandom random = new SplittableRandom(20261124);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            byte[] message = new byte[i % 10 == 0 ? random.nextInt(4096) : random.nextInt(200)];
            random.nextBytes(message);
            try (Ed25519KeyPair n = nativeEd.keyPairFromSeed(seed); Ed25519KeyPair j = javaEd.keyPairFromSeed(seed)) {
                if (!n.publicKey().equals(j.publicKey())) {
                    failures.add(i + ": public keys differ");
                    continue;
                }
                byte[] nativeSignature = nativeEd.sign(n.privateKey(), message);
                byte[] javaSignature = javaEd.sign(j.privateKey(), message);
                if (!Arrays.equals(nativeSignature, javaSignature)) {
                    failures.add(i + ": signatures differ");
                }
                if (i % 10 == 0) {
                    byte[] altered = nativeSignature.clone();
                    altered[random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
                    if (!nativeEd.verify(j.publicKey(), message, javaSignature)
                            || !javaEd.verify(n.publicKey(), message, nativeSignature)
                            || nativeEd.verify(n.publicKey(), message, altered)
                            || javaEd.verify(n.publicKey(), message, altered)) {
                        failures.add(i + ": cross-verification failed");
                    }
                }
            }
            if (failures.size() > 20) {
                break;
            }
        }
        assertEquals(List.of(), failures);
    }
}
