package dev.ferrite.jca;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.ed25519.Ed25519;
import dev.ferrite.ed25519.Ed25519PrivateKey;
import dev.ferrite.ed25519.Ed25519PublicKey;
import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.EdDSAParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * {@code Signature.Ed25519} and {@code Signature.EdDSA} (Ed25519 only): pure Ed25519 (RFC 8032) through
 * {@link Ed25519}, with SunEC's state rules.
 *
 * <ul>
 *   <li>Keys: any Ed25519 key, Ferrite's, SunEC's {@code EdECPublicKey}/{@code EdECPrivateKey} or any key with an
 *       X.509/PKCS#8 encoding (Bouncy Castle's); Ed448 keys are refused with {@link InvalidKeyException}, as are public
 *       keys that break Ferrite's key rule (non-canonical, off the curve, small order). The converted key of the last
 *       {@code init} is kept, so {@code initSign(sameKey)} per message costs an identity check (or a comparison of the
 *       key material for an equal key in another object); a converted private key is closed (wiped) when replaced.
 *   <li>{@code update} collects the message (Ed25519 signs the whole message at once); {@code sign}/{@code verify}
 *       reset to the initialised state.
 *   <li>{@code verify} throws {@link SignatureException} for a signature that is not 64 bytes, as SunEC; for every
 *       other invalid signature it returns false (SunEC throws for some: S ≥ ℓ, an R that does not decode), and it
 *       follows Ferrite's strict rule ({@link Ed25519}).
 *   <li>Parameters: {@link EdDSAParameterSpec} without pre-hash and context (pure Ed25519), and also
 *       {@link NamedParameterSpec#ED25519}; anything else (Ed25519ph, Ed25519ctx, Ed448) is refused with
 *       {@link InvalidAlgorithmParameterException}.
 * </ul>
 * Not thread-safe (one per thread, as every JCA Signature).
 */
final class Ed25519SignatureSpi extends SignatureSpi {
    private final Ed25519 ed25519;
    private final Accumulator message = new Accumulator();
    private boolean messageStarted;

    /** The mode of the last init: 0 none, 1 sign, 2 verify. */
    private int mode;

    // Verification key cache: the last JCA key, its 32 bytes, Ferrite's key.
    private PublicKey lastPublic;
    private byte[] lastPublicBytes;
    private Ed25519PublicKey publicKey;

    // Signing key cache: the last JCA key, its material (wiped when replaced), Ferrite's key and whether we own it.
    private PrivateKey lastPrivate;
    private byte[] lastPrivateMaterial;
    private Ed25519PrivateKey privateKey;
    private boolean ownsPrivateKey;

    Ed25519SignatureSpi(Backend backend) {
        this.ed25519 = Crypto.ed25519(backend);
    }

    @Override
    protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
        if (key == null) {
            throw new InvalidKeyException("expected an Ed25519 public key, got null");
        }
        if (key != lastPublic || publicKey == null) {
            Ed25519PublicKey converted;
            byte[] bytes;
            if (key instanceof FerriteEdECPublicKey) {
                bytes = ((FerriteEdECPublicKey) key).rawBytes();
                converted = convert(() -> ((FerriteEdECPublicKey) key).ferriteKey());
            } else {
                bytes = Ed25519Keys.publicBytes(key);
                byte[] known = lastPublicBytes;
                converted = known != null && Arrays.equals(bytes, known) && publicKey != null ? publicKey
                        : convert(() -> Ed25519PublicKey.fromBytes(bytes));
            }
            publicKey = converted;
            lastPublicBytes = bytes;
            lastPublic = key;
        }
        mode = 2;
        resetMessage();
    }

    private interface KeyMaker {
        Ed25519PublicKey make();
    }

    private static Ed25519PublicKey convert(KeyMaker maker) throws InvalidKeyException {
        try {
            return maker.make();
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("not a usable Ed25519 public key: " + e.getMessage(), e);
        }
    }

    @Override
    protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
        engineInitSign(key, null);
    }

    @Override
    protected void engineInitSign(PrivateKey key, SecureRandom random) throws InvalidKeyException {
        // Ed25519 signatures are deterministic: random is not used.
        if (key == null) {
            throw new InvalidKeyException("expected an Ed25519 private key, got null");
        }
        if (key.isDestroyed()) {
            throw new InvalidKeyException("the private key has been destroyed");
        }
        if (key instanceof FerriteEdECPrivateKey) {
            // Ferrite's own key: sign with its Ed25519PrivateKey directly, owned by the key object.
            dropPrivateKey();
            privateKey = ((FerriteEdECPrivateKey) key).ferriteKey();
            ownsPrivateKey = false;
            lastPrivate = key;
        } else if (key != lastPrivate || privateKey == null || privateKey.isDestroyed()) {
            byte[] material = Ed25519Keys.privateMaterial(key);
            if (ownsPrivateKey && privateKey != null && !privateKey.isDestroyed() && lastPrivateMaterial != null
                    && MessageDigest.isEqual(material, lastPrivateMaterial)) {
                Arrays.fill(material, (byte) 0); // the same key in another object
            } else {
                Ed25519PrivateKey converted;
                try {
                    converted = Ed25519Keys.privateKeyOf(material);
                } catch (InvalidKeyException e) {
                    Arrays.fill(material, (byte) 0);
                    throw e;
                }
                dropPrivateKey();
                privateKey = converted;
                ownsPrivateKey = true;
                lastPrivateMaterial = material;
            }
            lastPrivate = key;
        }
        mode = 1;
        resetMessage();
    }

    /** Closes (wipes) the cached private key if this object made it, and wipes the cached material. */
    private void dropPrivateKey() {
        if (ownsPrivateKey && privateKey != null) {
            privateKey.close();
        }
        if (lastPrivateMaterial != null) {
            Arrays.fill(lastPrivateMaterial, (byte) 0);
        }
        privateKey = null;
        ownsPrivateKey = false;
        lastPrivateMaterial = null;
        lastPrivate = null;
    }

    @Override
    protected void engineUpdate(byte b) throws SignatureException {
        checkInitialised();
        messageStarted = true;
        message.append(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
        checkInitialised();
        messageStarted = true;
        message.append(b, off, len);
    }

    @Override
    protected void engineUpdate(ByteBuffer input) {
        if (mode == 0) {
            // SignatureSpi.engineUpdate(ByteBuffer) can't throw SignatureException; Signature checks the state first.
            throw new IllegalStateException("Signature not initialized");
        }
        messageStarted = true;
        message.append(input);
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        if (mode != 1) {
            throw new SignatureException("Missing private key: the Signature is not initialised for signing");
        }
        try {
            return ed25519.sign(privateKey, message.exactArray());
        } catch (IllegalStateException e) {
            throw new SignatureException("cannot sign: " + e.getMessage(), e);
        } finally {
            resetMessage();
        }
    }

    @Override
    protected boolean engineVerify(byte[] signature) throws SignatureException {
        if (mode != 2) {
            throw new SignatureException("Missing public key: the Signature is not initialised for verification");
        }
        try {
            if (signature == null) {
                throw new SignatureException("signature was null");
            }
            if (signature.length != Ed25519.SIGNATURE_LENGTH) {
                // As SunEC: a signature of the wrong length is an encoding error, not a false signature.
                throw new SignatureException("signature length invalid: an Ed25519 signature is 64 bytes, got "
                        + signature.length);
            }
            return ed25519.verify(publicKey, message.exactArray(), signature);
        } finally {
            resetMessage();
        }
    }

    private void checkInitialised() throws SignatureException {
        if (mode == 0) {
            throw new SignatureException("not initialized");
        }
    }

    private void resetMessage() {
        message.clear(false);
        messageStarted = false;
    }

    @Override
    protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
        if (params == null) {
            return; // by convention, as SunEC
        }
        if (params instanceof EdDSAParameterSpec) {
            if (messageStarted) {
                throw new InvalidParameterException("Cannot change signature parameters during operation");
            }
            EdDSAParameterSpec spec = (EdDSAParameterSpec) params;
            if (spec.isPrehash() || spec.getContext().isPresent()) {
                throw new InvalidAlgorithmParameterException("Ferrite supports only pure Ed25519 (no pre-hash, no"
                        + " context), got an EdDSAParameterSpec with" + (spec.isPrehash() ? " pre-hash" : "")
                        + (spec.getContext().isPresent() ? " a context" : ""));
            }
            return;
        }
        if (params instanceof NamedParameterSpec) {
            if (!Ed25519Keys.isEd25519((NamedParameterSpec) params)) {
                throw new InvalidAlgorithmParameterException("Ferrite supports only Ed25519, got "
                        + ((NamedParameterSpec) params).getName());
            }
            return;
        }
        throw new InvalidAlgorithmParameterException("expected an EdDSAParameterSpec (pure Ed25519), got "
                + params.getClass().getName());
    }

    /**
     * None: RFC 8410 defines no parameters for Ed25519 (as SunEC).
     *
     * @return null
     */
    @Override
    protected AlgorithmParameters engineGetParameters() {
        return null;
    }

    /**
     * Not supported, as SunEC.
     *
     * @deprecated as in {@link SignatureSpi}
     */
    @Deprecated
    @Override
    protected void engineSetParameter(String param, Object value) {
        throw new UnsupportedOperationException("setParameter() not supported");
    }

    /**
     * Not supported, as SunEC.
     *
     * @deprecated as in {@link SignatureSpi}
     */
    @Deprecated
    @Override
    protected Object engineGetParameter(String param) {
        throw new UnsupportedOperationException("getParameter() not supported");
    }
}
