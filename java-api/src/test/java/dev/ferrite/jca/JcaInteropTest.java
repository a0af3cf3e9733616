package dev.ferrite.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ferrite (on each backend), the JDK (SunEC, SunJCE) and Bouncy Castle used together: every provider's key pairs
 * signed and verified by every provider, with the key objects as they are and through each provider's KeyFactory
 * (encodings round-trip byte for byte), and AES-GCM encrypted by one provider and decrypted by another.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class JcaInteropTest {
    private static final byte[] MESSAGE = "interop through the JCA".getBytes(StandardCharsets.UTF_8);

    @Parameter
    Backend backend;

    private List<Provider> signers() {
        return List.of(Jca.ferrite(backend), Jca.jdk("SunEC"), Jca.bouncyCastle());
    }

    private List<Provider> ciphers() {
        return List.of(Jca.ferrite(backend), Jca.jdk("SunJCE"), Jca.bouncyCastle());
    }

    @Test
    void ed25519_everyProvidersKeysAndSignatures_workWithEveryOther() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Provider generator : signers()) {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519", generator).generateKeyPair();
            for (Provider signer : signers()) {
                byte[] signature = sign(signer, pair.getPrivate());
                for (Provider verifier : signers()) {
                    String what = "keys " + generator.getName() + ", signed by " + signer.getName() + ", verified by "
                            + verifier.getName();
                    // The key object as it is, and the key rebuilt by the verifier's KeyFactory from its encoding.
                    KeyFactory factory = KeyFactory.getInstance("Ed25519", verifier);
                    PublicKey rebuilt = factory.generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded()));
                    if (!verify(verifier, pair.getPublic(), signature)) {
                        failures.add(what + " (key as generated)");
                    }
                    if (!verify(verifier, rebuilt, signature)) {
                        failures.add(what + " (key from the verifier's KeyFactory)");
                    }
                    if (!java.util.Arrays.equals(pair.getPublic().getEncoded(), rebuilt.getEncoded())) {
                        failures.add(what + ": X.509 encoding changed");
                    }
                }
                // Signatures are deterministic: every signer gives the same bytes.
                byte[] reference = sign(Jca.jdk("SunEC"), pair.getPrivate());
                if (!java.util.Arrays.equals(reference, signature)) {
                    failures.add("keys " + generator.getName() + ": " + signer.getName() + "'s signature differs from"
                            + " SunEC's");
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void ed25519_privateKeysRoundTripThroughEveryKeyFactory() throws Exception {
        for (Provider generator : signers()) {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519", generator).generateKeyPair();
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            for (Provider reader : signers()) {
                PrivateKey read = KeyFactory.getInstance("Ed25519", reader).generatePrivate(
                        new PKCS8EncodedKeySpec(pkcs8));
                // Each signs as the original key.
                assertArrayEquals(sign(Jca.jdk("SunEC"), pair.getPrivate()), sign(Jca.ferrite(backend), read),
                        generator.getName() + " key read by " + reader.getName());
                PrivateKey back = KeyFactory.getInstance("Ed25519", Jca.ferrite(backend)).generatePrivate(
                        new PKCS8EncodedKeySpec(read.getEncoded()));
                assertArrayEquals(sign(reader, read), sign(reader, back));
            }
        }
    }

    private static byte[] sign(Provider provider, PrivateKey key) throws Exception {
        Signature s = Signature.getInstance("Ed25519", provider);
        s.initSign(key);
        s.update(MESSAGE);
        return s.sign();
    }

    private static boolean verify(Provider provider, PublicKey key, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519", provider);
            s.initVerify(key);
            s.update(MESSAGE);
            return s.verify(signature);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    @Test
    void aesGcm_encryptWithOneProvider_decryptWithAnother() throws Exception {
        SplittableRandom random = new SplittableRandom(17);
        List<String> failures = new ArrayList<>();
        int[] lengths = {0, 1, 15, 16, 17, 64, 1000, 65_537};
        for (int keyLength : new int[] {16, 24, 32}) {
            byte[] keyBytes = new byte[keyLength];
            random.nextBytes(keyBytes);
            SecretKeySpec key = new SecretKeySpec(keyBytes, "AES");
            for (int length : lengths) {
                byte[] plaintext = new byte[length];
                random.nextBytes(plaintext);
                byte[] aad = new byte[random.nextInt(40)];
                random.nextBytes(aad);
                for (Provider encrypter : ciphers()) {
                    byte[] iv = new byte[12];
                    random.nextBytes(iv);
                    Cipher e = Cipher.getInstance("AES/GCM/NoPadding", encrypter);
                    e.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
                    e.updateAAD(aad);
                    byte[] sealed = e.doFinal(plaintext);
                    for (Provider decrypter : ciphers()) {
                        Cipher d = Cipher.getInstance("AES/GCM/NoPadding", decrypter);
                        d.init(Cipher.DECRYPT_MODE, key, e.getParameters());
                        d.updateAAD(aad);
                        try {
                            if (!java.util.Arrays.equals(plaintext, d.doFinal(sealed))) {
                                failures.add(encrypter.getName() + " -> " + decrypter.getName() + ": AES-"
                                        + keyLength * 8 + ", " + length + " bytes: wrong plaintext");
                            }
                        } catch (javax.crypto.AEADBadTagException ex) {
                            failures.add(encrypter.getName() + " -> " + decrypter.getName() + ": AES-"
                                    + keyLength * 8 + ", " + length + " bytes: " + ex.getMessage());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(Jca.ferrite(backend).getService("Cipher", "AES/GCM/NoPadding") != null);
    }
}
