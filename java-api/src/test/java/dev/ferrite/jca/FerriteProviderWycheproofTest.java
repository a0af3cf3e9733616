package dev.ferrite.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferrite.Backend;
import dev.ferrite.aead.JcaGcmVectors;
import dev.ferrite.ed25519.JcaEd25519Vectors;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Wycheproof Ed25519 and AES-GCM vectors (and RFC 8032's sign.input) through the JCA provider on each backend:
 * {@code Signature.getInstance("Ed25519", provider)} with keys from the provider's KeyFactory, and
 * {@code Cipher.getInstance("AES/GCM/NoPadding", provider)} in one piece and split at every point (short messages)
 * or a sample of points (longer ones), through arrays, heap, direct and read-only buffers. Failures are collected and
 * reported together, by tcId.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class FerriteProviderWycheproofTest {
    @Parameter
    Backend backend;

    private Provider provider;

    @BeforeEach
    void setUp() {
        provider = Jca.ferrite(backend);
    }

    @Test
    void ed25519_wycheproof_everyCase() throws Exception {
        List<JcaEd25519Vectors.Verification> cases = JcaEd25519Vectors.wycheproof();
        KeyFactory factory = KeyFactory.getInstance("Ed25519", provider);
        List<String> failures = new ArrayList<>();
        int valid = 0;
        int wrongLength = 0;
        for (JcaEd25519Vectors.Verification c : cases) {
            PublicKey key = factory.generatePublic(new X509EncodedKeySpec(Ed25519Keys.toSpki(c.publicKey())));
            Signature verifier = Signature.getInstance("Ed25519", provider);
            verifier.initVerify(key);
            verifier.update(c.message());
            boolean result;
            try {
                result = verifier.verify(c.signature());
                if (c.signature().length != 64) {
                    failures.add(c.id() + ": a " + c.signature().length + "-byte signature gave " + result
                            + " instead of SignatureException");
                    continue;
                }
            } catch (SignatureException e) {
                if (c.signature().length == 64) {
                    failures.add(c.id() + ": threw " + e);
                    continue;
                }
                wrongLength++;
                result = false;
            }
            if (result != c.valid()) {
                failures.add(c.id() + " " + c.flags() + ": expected " + c.valid() + ", got " + result);
            }
            valid += result ? 1 : 0;
        }
        assertEquals(List.of(), failures);
        assertEquals(151, cases.size());
        System.out.printf("[%s] Wycheproof ed25519_test.json through the provider: %d cases, %d valid, %d refused"
                + " for their length with SignatureException%n", backend, cases.size(), valid, wrongLength);
    }

    @Test
    void ed25519_signInput_signaturesMatch_throughBothPrivateKeySpecs() throws Exception {
        KeyFactory factory = KeyFactory.getInstance("Ed25519", provider);
        List<String> failures = new ArrayList<>();
        for (JcaEd25519Vectors.Signing c : JcaEd25519Vectors.signInput()) {
            PrivateKey fromSeed = factory.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, c.seed()));
            PrivateKey fromPkcs8 = factory.generatePrivate(new PKCS8EncodedKeySpec(Ed25519Keys.toPkcs8(c.seed())));
            for (PrivateKey key : List.of(fromSeed, fromPkcs8)) {
                Signature signer = Signature.getInstance("Ed25519", provider);
                signer.initSign(key);
                signer.update(c.message());
                byte[] signature = signer.sign();
                if (!Arrays.equals(c.signature(), signature)) {
                    failures.add("sign.input line " + c.line() + ": signature differs");
                }
            }
            Signature verifier = Signature.getInstance("EdDSA", provider);
            verifier.initVerify(factory.generatePublic(new X509EncodedKeySpec(Ed25519Keys.toSpki(c.publicKey()))));
            verifier.update(c.message());
            if (!verifier.verify(c.signature())) {
                failures.add("sign.input line " + c.line() + ": does not verify");
            }
        }
        assertEquals(List.of(), failures);
    }

    private static boolean fits(JcaGcmVectors.Case c) {
        return c.ivBits() == 96 && c.tagBits() == 128;
    }

    @Test
    void aesGcm_wycheproof_everyCase_inOnePiece() throws Exception {
        List<JcaGcmVectors.Case> cases = JcaGcmVectors.wycheproof();
        List<String> failures = new ArrayList<>();
        int run = 0;
        TreeSet<Integer> refusedIvBits = new TreeSet<>();
        for (JcaGcmVectors.Case c : cases) {
            SecretKeySpec key = new SecretKeySpec(c.key(), "AES");
            GCMParameterSpec spec = new GCMParameterSpec(c.tagBits(), c.iv());
            if (!fits(c)) {
                // Documented: only 12-byte IVs and 128-bit tags; anything else is refused at init, in both modes.
                for (int mode : new int[] {Cipher.ENCRYPT_MODE, Cipher.DECRYPT_MODE}) {
                    try {
                        Cipher.getInstance("AES/GCM/NoPadding", provider).init(mode, key, spec);
                        failures.add(c.id() + ": IV of " + c.ivBits() + " bits accepted");
                    } catch (InvalidAlgorithmParameterException expected) {
                        refusedIvBits.add(c.ivBits());
                    }
                }
                continue;
            }
            run++;
            String failure = checkOnePiece(c, key, spec);
            if (failure != null) {
                failures.add(failure);
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(197, run);
        System.out.printf("[%s] Wycheproof aes_gcm_test.json through the provider: %d cases run, %d refused at init"
                + " (IV sizes in bits: %s)%n", backend, run, cases.size() - run, refusedIvBits);
    }

    private String checkOnePiece(JcaGcmVectors.Case c, SecretKeySpec key, GCMParameterSpec spec) throws Exception {
        Cipher decrypt = Cipher.getInstance("AES/GCM/NoPadding", provider);
        decrypt.init(Cipher.DECRYPT_MODE, key, spec);
        decrypt.updateAAD(c.aad());
        try {
            byte[] plaintext = decrypt.doFinal(c.ciphertextAndTag());
            if (!c.valid()) {
                return c.id() + ": invalid case decrypted";
            }
            if (!Arrays.equals(c.plaintext(), plaintext)) {
                return c.id() + ": wrong plaintext";
            }
        } catch (AEADBadTagException e) {
            if (c.valid()) {
                return c.id() + ": valid case refused: " + e.getMessage();
            }
        }
        if (c.valid()) {
            Cipher encrypt = Cipher.getInstance("AES/GCM/NoPadding", provider);
            encrypt.init(Cipher.ENCRYPT_MODE, key, spec);
            encrypt.updateAAD(c.aad());
            if (!Arrays.equals(c.ciphertextAndTag(), encrypt.doFinal(c.plaintext()))) {
                return c.id() + ": wrong ciphertext";
            }
        }
        return null;
    }

    @Test
    void aesGcm_wycheproof_everySplit_arraysAndBuffers() throws Exception {
        List<JcaGcmVectors.Case> cases = JcaGcmVectors.wycheproof().stream().filter(FerriteProviderWycheproofTest::fits)
                .toList();
        SplittableRandom random = new SplittableRandom(20260712);
        List<String> failures = new ArrayList<>();
        int operations = 0;
        int sampled = 0;
        for (int i = 0; i < cases.size(); i++) {
            JcaGcmVectors.Case c = cases.get(i);
            byte[] sealed = c.ciphertextAndTag();
            boolean everySplit = c.plaintext().length <= 48;
            if (!everySplit && i % 3 != 0) {
                continue; // a sample of the longer cases
            }
            sampled++;
            List<Integer> splits = splitPoints(c.plaintext().length, everySplit, random);
            List<Integer> cipherSplits = splitPoints(sealed.length, everySplit, random);
            int[] aadSplits = c.aad().length == 0 ? new int[] {0} : new int[] {0, c.aad().length / 2, c.aad().length};
            SecretKeySpec key = new SecretKeySpec(c.key(), "AES");
            for (Jca.Io io : Jca.Io.values()) {
                for (int aadSplit : aadSplits) {
                    if (c.valid()) {
                        for (int split : splits) {
                            Cipher encrypt = Cipher.getInstance("AES/GCM/NoPadding", provider);
                            encrypt.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, c.iv()));
                            byte[] out = Jca.gcmInPieces(encrypt, c.aad(), aadSplit, c.plaintext(), split, io);
                            operations++;
                            if (!Arrays.equals(sealed, out)) {
                                failures.add(c.id() + " encrypt " + io + " aad split " + aadSplit + " split " + split);
                            }
                        }
                    }
                    for (int split : cipherSplits) {
                        Cipher decrypt = Cipher.getInstance("AES/GCM/NoPadding", provider);
                        decrypt.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, c.iv()));
                        operations++;
                        try {
                            byte[] out = Jca.gcmInPieces(decrypt, c.aad(), aadSplit, sealed, split, io);
                            if (!c.valid() || !Arrays.equals(c.plaintext(), out)) {
                                failures.add(c.id() + " decrypt " + io + " aad split " + aadSplit + " split " + split
                                        + (c.valid() ? ": wrong plaintext" : ": invalid case accepted"));
                            }
                        } catch (AEADBadTagException e) {
                            if (c.valid()) {
                                failures.add(c.id() + " decrypt " + io + " aad split " + aadSplit + " split " + split
                                        + ": " + e.getMessage());
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        System.out.printf("[%s] AES-GCM Wycheproof in pieces: %d cases, %d operations%n", backend, sampled,
                operations);
    }

    /** Every split of a short message; 0, 1, 15, 16, 17, the middle, length-1, length and 4 random for longer ones. */
    private static List<Integer> splitPoints(int length, boolean every, SplittableRandom random) {
        TreeSet<Integer> points = new TreeSet<>();
        if (every) {
            for (int i = 0; i <= length; i++) {
                points.add(i);
            }
        } else {
            for (int p : new int[] {0, 1, 15, 16, 17, length / 2, length - 1, length}) {
                if (p >= 0 && p <= length) {
                    points.add(p);
                }
            }
            for (int i = 0; i < 4; i++) {
                points.add(random.nextInt(length + 1));
            }
        }
        return new ArrayList<>(points);
    }
}
