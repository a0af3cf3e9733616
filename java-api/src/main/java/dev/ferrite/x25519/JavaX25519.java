package dev.ferrite.x25519;

import dev.ferrite.Backend;

/**
 * X25519 in pure Java, through Bouncy Castle's {@code org.bouncycastle.math.ec.rfc7748.X25519} (the RFC 7748 functions
 * on raw bytes, constant time; the same library as the Ed25519 fallback). Its answers equal the JDK's {@code XDH}
 * (tested), without the {@code BigInteger} and key-object conversions {@code KeyAgreement} needs for every call.
 *
 * <p>Obtain it from {@link dev.ferrite.Crypto#x25519(Backend)}. Stateless and thread-safe.
 */
final class JavaX25519 extends AbstractX25519 {
    private static final JavaX25519 INSTANCE = new JavaX25519();

    private JavaX25519() {}

    /**
     * The pure-Java implementation.
     *
     * @return the shared instance
     */
    static JavaX25519 instance() {
        return INSTANCE;
    }

    @Override
    void publicKey(byte[] privateKey, byte[] publicKeyOut) {
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(privateKey, 0, publicKeyOut, 0);
    }

    @Override
    void agreeRaw(byte[] privateKey, byte[] peerPublicKey, byte[] sharedOut) {
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMult(privateKey, 0, peerPublicKey, 0, sharedOut, 0);
    }

    @Override
    public Backend backend() {
        return Backend.JAVA;
    }
}
