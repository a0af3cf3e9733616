package dev.ferrite.x25519;

import dev.ferrite.internal.JdkProviders;
import dev.ferrite.internal.UseCounter;
import dev.ferrite.internal.X25519Secrets;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.XECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.security.auth.Destroyable;

/**
 * An X25519 private key: 32 secret bytes (the scalar before clamping, RFC 7748 §5) and its public key.
 *
 * <p>The secret never leaves the object except through the deliberately named {@link #exportSecretBytes()},
 * {@link #exportSecretPkcs8()} and {@link #toJca()}; {@link #toString()} shows only the public key. {@link #close()}
 * wipes it; a key that is never closed is wiped by a {@link Cleaner} once unreachable, but close keys
 * (try-with-resources) rather than rely on the garbage collector.
 *
 * <p>Thread-safe: any number of threads may agree with one key at once. {@link #close()} may be called from any
 * thread at any time: agreements in progress complete, later uses throw {@link IllegalStateException}, and the bytes
 * are wiped once the last one is done. Closing twice is harmless.
 */
public final class X25519PrivateKey implements AutoCloseable, Destroyable {
    /** DER prefix of a PKCS#8 v1 X25519 private key (RFC 8410 §7): version 0, OID 1.3.101.110, 32 bytes. */
    private static final byte[] PKCS8_V1_PREFIX = HexFormat.of().parseHex("302e020100300506032b656e04220420");

    static {
        X25519Secrets.register(X25519PrivateKey::useSecret);
    }

    private final byte[] secret;
    private final X25519PublicKey publicKey;
    private final UseCounter users;
    private final Cleaner.Cleanable cleanable;

    X25519PrivateKey(byte[] secret, X25519PublicKey publicKey) {
        this.secret = secret;
        this.publicKey = publicKey;
        this.users = new UseCounter("X25519PrivateKey", () -> Arrays.fill(secret, (byte) 0));
        this.cleanable = users.closeWhenUnreachable(this);
    }

    /**
     * The private key of 32 bytes, its public key computed in Java. {@link X25519#keyPairFromPrivateKey} does the
     * same on a chosen backend.
     *
     * @param privateKey the 32 bytes (copied; wipe your copy when no longer needed)
     * @return the key; close it when done
     * @throws NullPointerException if {@code privateKey} is null
     * @throws IllegalArgumentException if it is not 32 bytes
     */
    public static X25519PrivateKey fromBytes(byte[] privateKey) {
        checkLength(privateKey);
        byte[] copy = privateKey.clone();
        byte[] publicKey = new byte[X25519.KEY_LENGTH];
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(copy, 0, publicKey, 0);
        return new X25519PrivateKey(copy, X25519PublicKey.derived(publicKey));
    }

    static void checkLength(byte[] privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (privateKey.length != X25519.KEY_LENGTH) {
            throw new IllegalArgumentException("an X25519 private key is 32 bytes, got " + privateKey.length);
        }
    }

    /**
     * The key in a PKCS#8 encoding (RFC 8410 §7): v1 as the JDK and OpenSSL write it ({@code openssl genpkey
     * -algorithm x25519}, PEM "PRIVATE KEY" after Base64 decoding), or v2 with the public key as Bouncy Castle writes
     * it, in which case the public key must match the secret.
     *
     * @param pkcs8 the DER encoding (not modified; wipe it when no longer needed)
     * @return the key; close it when done
     * @throws NullPointerException if {@code pkcs8} is null
     * @throws IllegalArgumentException if it is not an X25519 PKCS#8 key, or its public key does not match
     */
    public static X25519PrivateKey fromPkcs8(byte[] pkcs8) {
        Objects.requireNonNull(pkcs8, "pkcs8");
        if (pkcs8.length == PKCS8_V1_PREFIX.length + X25519.KEY_LENGTH
                && Arrays.equals(pkcs8, 0, PKCS8_V1_PREFIX.length, PKCS8_V1_PREFIX, 0, PKCS8_V1_PREFIX.length)) {
            byte[] raw = Arrays.copyOfRange(pkcs8, PKCS8_V1_PREFIX.length, pkcs8.length);
            try {
                return fromBytes(raw);
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        }
        // Other forms (v2 with the public key, as Bouncy Castle writes it; attributes): parsed as ASN.1 by Bouncy
        // Castle, and an embedded public key must belong to the secret.
        org.bouncycastle.asn1.pkcs.PrivateKeyInfo info;
        byte[] raw;
        try {
            info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(pkcs8);
            raw = org.bouncycastle.asn1.ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid PKCS#8 X25519 private key: " + e.getMessage(), e);
        }
        try {
            String oid = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
            if (!oid.equals("1.3.101.110") || info.getPrivateKeyAlgorithm().getParameters() != null) {
                throw new IllegalArgumentException("not a PKCS#8 X25519 private key (algorithm " + oid + ")");
            }
            X25519PrivateKey key = fromBytes(raw);
            org.bouncycastle.asn1.ASN1BitString embedded = info.getPublicKeyData();
            if (embedded != null && !Arrays.equals(embedded.getOctets(), key.publicKey.bytes())) {
                key.close();
                throw new IllegalArgumentException("not a valid PKCS#8 X25519 private key: its public key does not "
                        + "belong to its secret");
            }
            return key;
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * The key of a {@code java.security} X25519 private key: the JDK's {@link XECPrivateKey}, Bouncy Castle's, or
     * any key whose format is PKCS#8.
     *
     * @param key the key
     * @return the key; close it when done
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if it is not an X25519 private key
     */
    public static X25519PrivateKey fromJca(PrivateKey key) {
        Objects.requireNonNull(key, "key");
        if (key instanceof XECPrivateKey xec) {
            Optional<byte[]> scalar = xec.getScalar();
            if (scalar.isPresent()) {
                return fromXec(xec, scalar.get());
            }
        }
        String format = key.getFormat();
        byte[] encoded = key.getEncoded();
        if (format == null || !format.toUpperCase(Locale.ROOT).equals("PKCS#8") || encoded == null) {
            throw new IllegalArgumentException("a " + key.getAlgorithm() + " key in format " + format
                    + " can't be read: expected an X25519 key with a PKCS#8 encoding");
        }
        try {
            return fromPkcs8(encoded);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** The key of {@code xec}, whose scalar copy {@code bytes} is wiped here whatever happens. */
    private static X25519PrivateKey fromXec(XECPrivateKey xec, byte[] bytes) {
        try {
            if (!(xec.getParams() instanceof NamedParameterSpec named)
                    || !named.getName().equalsIgnoreCase("X25519")) {
                throw new IllegalArgumentException("not an X25519 key: " + xec.getParams());
            }
            return fromBytes(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * The public key.
     *
     * @return the public key (available after {@link #close()} too)
     */
    public X25519PublicKey publicKey() {
        return publicKey;
    }

    /**
     * A copy of the 32 secret bytes. Wipe the copy ({@code Arrays.fill(bytes, (byte) 0)}) as soon as it has been used.
     *
     * @return a new array
     * @throws IllegalStateException if the key is closed
     */
    public byte[] exportSecretBytes() {
        return use(byte[]::clone);
    }

    /**
     * The secret key as PKCS#8 v1 (RFC 8410 §7), the form the JDK and OpenSSL read. Wipe it after use.
     *
     * @return a new 48-byte array
     * @throws IllegalStateException if the key is closed
     */
    public byte[] exportSecretPkcs8() {
        return use(bytes -> {
            byte[] out = Arrays.copyOf(PKCS8_V1_PREFIX, PKCS8_V1_PREFIX.length + X25519.KEY_LENGTH);
            System.arraycopy(bytes, 0, out, PKCS8_V1_PREFIX.length, X25519.KEY_LENGTH);
            return out;
        });
    }

    /**
     * The key as a JDK {@link XECPrivateKey} (provider SunEC), for {@code java.security} APIs. The JDK object holds a
     * copy of the secret that closing this key does not wipe.
     *
     * @return the key
     * @throws IllegalStateException if the key is closed, or the JDK has no XDH {@link KeyFactory}
     */
    public XECPrivateKey toJca() {
        return use(bytes -> {
            try {
                return (XECPrivateKey) KeyFactory.getInstance("XDH", JdkProviders.of("KeyFactory", "XDH", "SunEC"))
                        .generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, bytes));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK cannot build an X25519 private key", e);
            }
        });
    }

    /**
     * Runs {@code action} on the secret while the key is guaranteed open. The fence keeps this object reachable until
     * the action is done, so the Cleaner can't close the key under a caller that still uses it.
     */
    <T> T use(Function<byte[], T> action) {
        users.acquire();
        try {
            return action.apply(secret);
        } finally {
            users.release();
            Reference.reachabilityFence(this);
        }
    }

    private static <T> T useSecret(X25519PrivateKey key, Function<byte[], T> action) {
        return key.use(action);
    }

    /**
     * Wipes the secret once agreements in progress are done. Later uses throw {@link IllegalStateException};
     * {@link #publicKey()} keeps working. Idempotent.
     */
    @Override
    public void close() {
        users.close();
        cleanable.clean();
    }

    /** Same as {@link #close()}. */
    @Override
    public void destroy() {
        close();
    }

    /**
     * Whether {@link #close()} (or {@link #destroy()}) has been called.
     *
     * @return true once closed
     */
    @Override
    public boolean isDestroyed() {
        return users.isClosed();
    }

    /**
     * The public key, never the secret.
     *
     * @return {@code X25519PrivateKey[public <hex>]}, with {@code , closed} once closed
     */
    @Override
    public String toString() {
        return "X25519PrivateKey[public " + HexFormat.of().formatHex(publicKey.bytes())
                + (users.isClosed() ? ", closed" : "") + "]";
    }
}
