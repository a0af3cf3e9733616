package dev.ferrite.bench;

import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.Ed25519Verify;
import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.ed25519.Ed25519;
import dev.ferrite.ed25519.Ed25519KeyPair;
import dev.ferrite.ed25519.Ed25519PublicKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Ed25519 signers and verifiers of every contender for one key, each in its best usage (state reused where the API
 * allows), and each checked in {@link #check} against Ferrite's Java backend before it is measured.
 *
 * <ul>
 *   <li>{@code native}, {@code java}: Ferrite's backends ({@code Crypto.ed25519(backend)}).</li>
 *   <li>{@code jdk}: {@code Signature.getInstance("Ed25519")} (SunEC), initialised once, reused.</li>
 *   <li>{@code bouncycastle}: Bouncy Castle's lightweight {@code Ed25519Signer}, initialised once, reused.</li>
 *   <li>{@code tink}: Tink's {@code subtle.Ed25519Sign} / {@code Ed25519Verify}.</li>
 *   <li>{@code accp}: Amazon Corretto Crypto Provider's {@code Signature "Ed25519"} (AWS-LC through JNI), reused.</li>
 *   <li>{@code conscrypt}: Conscrypt's {@code Signature "EdDSA"} (BoringSSL through JNI), reused.</li>
 * </ul>
 */
final class Ed25519Peers {
    /** Signs messages with one key. */
    @FunctionalInterface
    interface Signer {
        byte[] sign(byte[] message) throws GeneralSecurityException;
    }

    /** Verifies signatures under one key. */
    @FunctionalInterface
    interface Verifier {
        boolean verify(byte[] message, byte[] signature) throws GeneralSecurityException;
    }

    /** One key in every form the contenders need. */
    record Key(byte[] seed, byte[] publicKey, byte[] pkcs8, byte[] x509, Ed25519KeyPair ferrite) {
        static Key of(byte[] seed) {
            Ed25519KeyPair pair = Crypto.ed25519(Backend.JAVA).keyPairFromSeed(seed);
            return new Key(seed.clone(), pair.publicKey().toBytes(), pair.privateKey().exportSecretPkcs8(),
                    pair.publicKey().toX509(), pair);
        }
    }

    private Ed25519Peers() {}

    /** Ferrite's implementation for a backend, failing loudly (with the load error) when it is unavailable. */
    static Ed25519 ferrite(Backend backend) {
        Ed25519 ed;
        try {
            ed = Crypto.ed25519(backend);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Ferrite backend " + backend + " is not available", e);
        }
        if (ed.backend() != backend) {
            throw new IllegalStateException("asked Ferrite for " + backend + " but got " + ed.backend());
        }
        return ed;
    }

    static Signer signer(String impl, Key key) throws GeneralSecurityException {
        return switch (impl) {
            case "native", "java" -> {
                Ed25519 ed = ferrite(Backend.valueOf(impl.toUpperCase(java.util.Locale.ROOT)));
                // A key made by the backend itself: the native one holds its parsed key from the start.
                Ed25519KeyPair pair = ed.keyPairFromSeed(key.seed());
                yield message -> ed.sign(pair.privateKey(), message);
            }
            case "jdk" -> jca(Signature.getInstance("Ed25519"), privateKey(KeyFactory.getInstance("Ed25519"), key));
            case "bouncycastle" -> {
                Ed25519Signer signer = new Ed25519Signer();
                signer.init(true, new Ed25519PrivateKeyParameters(key.seed(), 0));
                yield message -> {
                    signer.update(message, 0, message.length);
                    return signer.generateSignature(); // also resets
                };
            }
            case "tink" -> {
                Ed25519Sign signer = new Ed25519Sign(key.seed());
                yield signer::sign;
            }
            case "accp" -> jca(Signature.getInstance("Ed25519", Peers.accp()), privateKey(
                    KeyFactory.getInstance("Ed25519"), key));
            case "conscrypt" -> {
                Provider conscrypt = Peers.conscrypt();
                yield jca(Signature.getInstance("EdDSA", conscrypt), privateKey(
                        KeyFactory.getInstance("EdDSA", conscrypt), key));
            }
            default -> throw new IllegalArgumentException("unknown impl: " + impl);
        };
    }

    static Verifier verifier(String impl, Key key) throws GeneralSecurityException {
        return switch (impl) {
            case "native", "java" -> {
                Ed25519 ed = ferrite(Backend.valueOf(impl.toUpperCase(java.util.Locale.ROOT)));
                Ed25519PublicKey publicKey = Ed25519PublicKey.fromBytes(key.publicKey());
                yield (message, signature) -> ed.verify(publicKey, message, signature);
            }
            case "jdk" -> jca(Signature.getInstance("Ed25519"), publicKey(KeyFactory.getInstance("Ed25519"), key));
            case "bouncycastle" -> {
                Ed25519Signer verifier = new Ed25519Signer();
                verifier.init(false, new Ed25519PublicKeyParameters(key.publicKey(), 0));
                yield (message, signature) -> {
                    verifier.update(message, 0, message.length);
                    return verifier.verifySignature(signature); // also resets
                };
            }
            case "tink" -> {
                Ed25519Verify verifier = new Ed25519Verify(key.publicKey());
                yield (message, signature) -> {
                    try {
                        verifier.verify(signature, message);
                        return true;
                    } catch (GeneralSecurityException e) {
                        return false;
                    }
                };
            }
            case "accp" -> jca(Signature.getInstance("Ed25519", Peers.accp()), publicKey(
                    KeyFactory.getInstance("Ed25519"), key));
            case "conscrypt" -> {
                Provider conscrypt = Peers.conscrypt();
                yield jca(Signature.getInstance("EdDSA", conscrypt), publicKey(
                        KeyFactory.getInstance("EdDSA", conscrypt), key));
            }
            default -> throw new IllegalArgumentException("unknown impl: " + impl);
        };
    }

    private static PrivateKey privateKey(KeyFactory factory, Key key) throws GeneralSecurityException {
        return factory.generatePrivate(new PKCS8EncodedKeySpec(key.pkcs8()));
    }

    private static PublicKey publicKey(KeyFactory factory, Key key) throws GeneralSecurityException {
        return factory.generatePublic(new X509EncodedKeySpec(key.x509()));
    }

    private static Signer jca(Signature signature, PrivateKey key) throws GeneralSecurityException {
        signature.initSign(key);
        return message -> {
            signature.update(message);
            return signature.sign(); // resets to the state after initSign
        };
    }

    private static Verifier jca(Signature signature, PublicKey key) throws GeneralSecurityException {
        signature.initVerify(key);
        return (message, sig) -> {
            signature.update(message);
            try {
                return signature.verify(sig);
            } catch (java.security.SignatureException e) {
                return false; // some providers throw for a malformed signature instead of returning false
            }
        };
    }

    /** Fails unless {@code impl}'s signature equals Ferrite's Java one and its verifier accepts it and rejects a
     *  flipped bit. */
    static void check(String impl, Key key, byte[] message, Signer signer, Verifier verifier)
            throws GeneralSecurityException {
        byte[] expected = Crypto.ed25519(Backend.JAVA).sign(key.ferrite().privateKey(), message);
        if (signer != null && !Arrays.equals(expected, signer.sign(message))) {
            throw new IllegalStateException(impl + " signs differently from Ferrite's Java backend");
        }
        if (verifier != null) {
            byte[] flipped = expected.clone();
            flipped[10] ^= 1;
            if (!verifier.verify(message, expected) || verifier.verify(message, flipped)) {
                throw new IllegalStateException(impl + " verifies wrongly");
            }
        }
    }
}
