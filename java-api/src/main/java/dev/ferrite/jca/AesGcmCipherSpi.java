package dev.ferrite.jca;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.aead.AesGcm;
import dev.ferrite.aead.AesGcmKey;
import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidParameterSpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;

/**
 * {@code Cipher.AES/GCM/NoPadding} (and {@code AES_128/...}, {@code AES_192/...}, {@code AES_256/...}, each
 * restricted to its key size) on {@link AesGcmKey}, with SunJCE's state rules:
 *
 * <ul>
 *   <li>{@link GCMParameterSpec} with a 12-byte IV and a 128-bit tag. Other IV lengths and tag lengths 96–120 (which
 *       SunJCE accepts) are refused with {@link InvalidAlgorithmParameterException}: Ferrite's AES-GCM takes only
 *       those. Tag lengths outside 96–128 or not a multiple of 8 get SunJCE's refusal and message.
 *   <li>{@code init} without parameters in ENCRYPT or WRAP mode draws a random 12-byte IV (from the given
 *       {@link SecureRandom}, else Ferrite's), returned by {@code getIV()} and {@code getParameters()}; in DECRYPT or
 *       UNWRAP mode it throws {@link InvalidKeyException}, as SunJCE.
 *   <li>Encrypting twice with the same key and IV is refused as SunJCE refuses it: {@code init} in ENCRYPT/WRAP mode
 *       with the key and IV of the previous encryption init throws {@link InvalidAlgorithmParameterException}
 *       ("Cannot reuse iv for GCM encryption"), and after an encryption's {@code doFinal} every {@code update},
 *       {@code updateAAD} and {@code doFinal} throws {@link IllegalStateException} until the next {@code init}.
 *   <li>{@code updateAAD} only before the first {@code update}/{@code doFinal} ({@link IllegalStateException}
 *       after, as SunJCE).
 *   <li>The kernel is one-shot, so {@code update} returns no output in both directions: input is collected and
 *       processed by {@code doFinal} (SunJCE does the same when decrypting; when encrypting it returns whole blocks
 *       early). Decryption releases no plaintext before the tag verifies: on {@link AEADBadTagException} the output
 *       range is overwritten with zeros (in place too). {@code getOutputSize} gives the exact size of the next
 *       {@code doFinal}: collected input plus the argument, plus 16 when encrypting, minus 16 (not below 0) when
 *       decrypting.
 *   <li>{@link ShortBufferException} from {@code doFinal} when the output has too little room; nothing is consumed,
 *       so the call can be repeated with a larger buffer.
 *   <li>Keys: any key with algorithm {@code AES} (or {@code Rijndael}, as SunJCE), format {@code RAW} and 16, 24 or
 *       32 bytes. The expanded key of the last {@code init} is kept (identity check first, then a constant-time
 *       comparison of the encodings), so an {@code init} per message with the same key does not expand it again;
 *       the previous one is closed (wiped) when the key changes.
 *   <li>WRAP and UNWRAP modes as SunJCE: {@code wrap} encrypts the key's encoding, {@code unwrap} decrypts it
 *       (a failed tag gives {@link InvalidKeyException}) and builds a secret key, or a public or private key with the
 *       algorithm's {@link KeyFactory}.
 * </ul>
 * Byte arrays and {@link ByteBuffer}s (heap, direct, read-only input) in any split, in place too (same array,
 * overlapping ranges, duplicates of one buffer). Not thread-safe (as every JCA Cipher).
 */
final class AesGcmCipherSpi extends CipherSpi {
    private static final int IV_LENGTH = AesGcm.NONCE_LENGTH;
    private static final int TAG_LENGTH = AesGcm.TAG_LENGTH;
    private static final byte[] EMPTY = new byte[0];
    private static final String REINIT_MESSAGE = "Must use either different key or  iv for GCM encryption";

    private static final class DefaultRandom {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    private final AesGcm gcm;
    /** 16, 24 or 32 for the size-specific names, 0 for any. */
    private final int requiredKeyLength;

    // Expanded-key cache: the last JCA key, its encoding, Ferrite's key.
    private Key cachedJcaKey;
    private byte[] cachedKeyBytes;
    private AesGcmKey cachedKey;

    // SunJCE's reuse rule: the key and IV of the last encryption init.
    private byte[] lastEncryptionKey = EMPTY;
    private byte[] lastEncryptionIv = EMPTY;

    private boolean initialized;
    private boolean encrypt;
    private byte[] iv;
    private SecureRandom random;
    /** Set by an encryption's doFinal: the next operation needs a new init. */
    private boolean needsReinit;

    private final Accumulator aad = new Accumulator();
    private final Accumulator data = new Accumulator();
    /** Whether update or doFinal has been called in this operation (no more AAD). */
    private boolean dataStarted;

    AesGcmCipherSpi(Backend backend, int requiredKeyLength) {
        this.gcm = Crypto.aesGcm(backend);
        this.requiredKeyLength = requiredKeyLength;
    }

    @Override
    protected void engineSetMode(String mode) throws NoSuchAlgorithmException {
        if (!"GCM".equalsIgnoreCase(mode)) {
            throw new NoSuchAlgorithmException("Mode must be GCM, got " + mode);
        }
    }

    @Override
    protected void engineSetPadding(String padding) throws NoSuchPaddingException {
        if (!"NoPadding".equalsIgnoreCase(padding)) {
            throw new NoSuchPaddingException("Padding must be NoPadding, got " + padding);
        }
    }

    @Override
    protected int engineGetBlockSize() {
        return 16;
    }

    @Override
    protected int engineGetKeySize(Key key) throws InvalidKeyException {
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            throw new InvalidKeyException("Key encoding must not be null");
        }
        int length = encoded.length;
        Arrays.fill(encoded, (byte) 0);
        if (length != 16 && length != 24 && length != 32) {
            throw new InvalidKeyException("Invalid key length: " + length + " bytes");
        }
        return length * 8;
    }

    // ---------------------------------------------------------------- init

    @Override
    protected void engineInit(int opmode, Key key, SecureRandom random) throws InvalidKeyException {
        if (opmode == Cipher.DECRYPT_MODE || opmode == Cipher.UNWRAP_MODE) {
            throw new InvalidKeyException("No GCMParameterSpec specified");
        }
        try {
            engineInit(opmode, key, (AlgorithmParameterSpec) null, random);
        } catch (InvalidAlgorithmParameterException e) {
            // A fresh random IV equal to the last one: as likely as guessing it.
            throw new ProviderException(e);
        }
    }

    @Override
    protected void engineInit(int opmode, Key key, AlgorithmParameters params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        GCMParameterSpec spec = null;
        if (params != null) {
            try {
                spec = params.getParameterSpec(GCMParameterSpec.class);
            } catch (InvalidParameterSpecException e) {
                throw new InvalidAlgorithmParameterException("expected GCM parameters, got " + params.getAlgorithm()
                        + ": " + e.getMessage(), e);
            }
        }
        engineInit(opmode, key, spec, random);
    }

    @Override
    protected void engineInit(int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        boolean encryption = opmode == Cipher.ENCRYPT_MODE || opmode == Cipher.WRAP_MODE;
        byte[] newIv;
        if (params == null) {
            newIv = new byte[IV_LENGTH];
            (random != null ? random : DefaultRandom.INSTANCE).nextBytes(newIv);
        } else {
            if (!(params instanceof GCMParameterSpec)) {
                throw new InvalidAlgorithmParameterException("AlgorithmParameterSpec not of GCMParameterSpec: got "
                        + params.getClass().getName());
            }
            GCMParameterSpec spec = (GCMParameterSpec) params;
            newIv = spec.getIV();
            if (newIv == null) {
                throw new InvalidAlgorithmParameterException("IV is null");
            }
            if (newIv.length == 0) {
                throw new InvalidAlgorithmParameterException("IV is empty");
            }
            int tagBits = spec.getTLen();
            if (tagBits < 96 || tagBits > 128 || (tagBits & 7) != 0) {
                throw new InvalidAlgorithmParameterException("Unsupported TLen value.  Must be one of "
                        + "{128, 120, 112, 104, 96}, got " + tagBits);
            }
            if (tagBits != TAG_LENGTH * 8) {
                throw new InvalidAlgorithmParameterException("Ferrite's AES-GCM supports only 128-bit tags, got "
                        + tagBits + " bits");
            }
            if (newIv.length != IV_LENGTH) {
                throw new InvalidAlgorithmParameterException("Ferrite's AES-GCM supports only 12-byte (96-bit) IVs,"
                        + " got " + newIv.length + " bytes");
            }
        }
        byte[] keyBytes = useKey(key);
        if (encryption) {
            // SunJCE's rule: never the key and IV of the previous encryption init again.
            if (MessageDigest.isEqual(keyBytes, lastEncryptionKey) && MessageDigest.isEqual(newIv, lastEncryptionIv)) {
                throw new InvalidAlgorithmParameterException("Cannot reuse iv for GCM encryption");
            }
            byte[] previous = lastEncryptionKey;
            lastEncryptionKey = keyBytes;
            lastEncryptionIv = newIv;
            wipeUnlessInUse(previous);
        }
        this.encrypt = encryption;
        this.iv = newIv;
        this.random = random;
        this.needsReinit = false;
        this.initialized = true;
        resetOperation();
    }

    /**
     * Makes {@code key} the cached key (expanding it unless it is the cached one) and returns its encoding, which the
     * cache owns.
     */
    private byte[] useKey(Key key) throws InvalidKeyException {
        if (key == null) {
            throw new InvalidKeyException("The key must not be null");
        }
        if (key == cachedJcaKey && cachedKey != null && !isDestroyed(key)) {
            return cachedKeyBytes;
        }
        String algorithm = key.getAlgorithm();
        if (!"AES".equalsIgnoreCase(algorithm) && !"Rijndael".equalsIgnoreCase(algorithm)) {
            throw new InvalidKeyException("Wrong algorithm: AES or Rijndael required, got " + algorithm);
        }
        String format = key.getFormat();
        if (format != null && !"RAW".equalsIgnoreCase(format)) {
            throw new InvalidKeyException("expected an AES key with RAW encoding, got format " + format);
        }
        byte[] encoded;
        try {
            encoded = key.getEncoded();
        } catch (IllegalStateException e) {
            throw new InvalidKeyException("the key can't be read: " + e.getMessage(), e);
        }
        if (encoded == null) {
            throw new InvalidKeyException("Key encoding must not be null");
        }
        if (requiredKeyLength != 0 && encoded.length != requiredKeyLength) {
            int length = encoded.length;
            Arrays.fill(encoded, (byte) 0);
            throw new InvalidKeyException("The key must be " + requiredKeyLength + " bytes, got " + length);
        }
        if (encoded.length != 16 && encoded.length != 24 && encoded.length != 32) {
            int length = encoded.length;
            Arrays.fill(encoded, (byte) 0);
            throw new InvalidKeyException("Invalid AES key length: " + length + " bytes (expected 16, 24 or 32)");
        }
        if (cachedKey != null && MessageDigest.isEqual(encoded, cachedKeyBytes)) {
            // The same key in another object: keep the expanded one.
            Arrays.fill(encoded, (byte) 0);
            cachedJcaKey = key;
            return cachedKeyBytes;
        }
        AesGcmKey expanded = gcm.key(encoded);
        AesGcmKey previousKey = cachedKey;
        byte[] previousBytes = cachedKeyBytes;
        cachedKey = expanded;
        cachedKeyBytes = encoded;
        cachedJcaKey = key;
        if (previousKey != null) {
            previousKey.close();
        }
        wipeUnlessInUse(previousBytes);
        return encoded;
    }

    private static boolean isDestroyed(Key key) {
        return key instanceof Destroyable && ((Destroyable) key).isDestroyed();
    }

    /** Wipes a key encoding we own once neither the cache nor the reuse rule refers to it. */
    private void wipeUnlessInUse(byte[] bytes) {
        if (bytes != null && bytes != cachedKeyBytes && bytes != lastEncryptionKey && bytes.length > 0) {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private void resetOperation() {
        aad.clear(false);
        data.clear(true); // it may hold plaintext (collected for an encryption, whatever the mode is now)
        dataStarted = false;
    }

    /** Called when an operation ends (doFinal returned or threw AEADBadTagException). */
    private void finishOperation() {
        if (encrypt) {
            needsReinit = true;
        }
        resetOperation();
    }

    private void checkInit() {
        if (!initialized) {
            throw new IllegalStateException("Operation not initialized.");
        }
        if (encrypt && needsReinit) {
            throw new IllegalStateException(REINIT_MESSAGE);
        }
    }

    // ---------------------------------------------------------------- parameters

    @Override
    protected byte[] engineGetIV() {
        return iv == null ? null : iv.clone();
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
        byte[] parameterIv = iv;
        if (parameterIv == null) {
            // As SunJCE: before init, parameters with a fresh random IV (not used by this object).
            parameterIv = new byte[IV_LENGTH];
            (random != null ? random : DefaultRandom.INSTANCE).nextBytes(parameterIv);
        }
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("GCM");
            parameters.init(new GCMParameterSpec(TAG_LENGTH * 8, parameterIv));
            return parameters;
        } catch (GeneralSecurityException e) {
            throw new ProviderException("no provider offers AlgorithmParameters.GCM: " + e.getMessage(), e);
        }
    }

    @Override
    protected int engineGetOutputSize(int inputLen) {
        if (!initialized) {
            throw new IllegalStateException("Operation not initialized.");
        }
        long total = (long) data.size() + Math.max(inputLen, 0);
        long size = encrypt ? total + TAG_LENGTH : Math.max(total - TAG_LENGTH, 0);
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    // ---------------------------------------------------------------- AAD and update

    @Override
    protected void engineUpdateAAD(byte[] src, int offset, int len) {
        checkAad();
        aad.append(src, offset, len);
    }

    @Override
    protected void engineUpdateAAD(ByteBuffer src) {
        checkAad();
        aad.append(src);
    }

    private void checkAad() {
        checkInit();
        if (dataStarted) {
            throw new IllegalStateException("Update has been called; no more AAD data");
        }
    }

    @Override
    protected byte[] engineUpdate(byte[] input, int inputOffset, int inputLen) {
        checkInit();
        dataStarted = true;
        if (input != null) {
            data.append(input, inputOffset, inputLen);
        }
        return EMPTY;
    }

    @Override
    protected int engineUpdate(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset) {
        engineUpdate(input, inputOffset, inputLen);
        return 0;
    }

    @Override
    protected int engineUpdate(ByteBuffer input, ByteBuffer output) {
        checkInit();
        dataStarted = true;
        data.append(input);
        return 0;
    }

    // ---------------------------------------------------------------- doFinal

    @Override
    protected byte[] engineDoFinal(byte[] input, int inputOffset, int inputLen)
            throws IllegalBlockSizeException, BadPaddingException {
        checkInit();
        if (input == null) {
            input = EMPTY;
        }
        if (inputOffset < 0 || inputLen < 0 || inputOffset > input.length - inputLen) {
            throw new IllegalBlockSizeException("input array invalid: offset " + inputOffset + ", length " + inputLen
                    + ", array of " + input.length);
        }
        dataStarted = true;
        long total = (long) data.size() + inputLen;
        AesGcmKey key = cachedKey;
        byte[] aadBytes = aadBytes();
        if (encrypt) {
            checkTotal(total + TAG_LENGTH);
            try {
                if (data.size() == 0 && inputOffset == 0 && inputLen == input.length) {
                    return key.encrypt(iv, input, aadBytes); // the common case: no copy of the input
                }
                byte[] out = new byte[(int) total + TAG_LENGTH];
                encryptFinal(input, inputOffset, inputLen, aadBytes, ByteBuffer.wrap(out));
                return out;
            } finally {
                finishOperation();
            }
        }
        if (total < TAG_LENGTH) {
            finishOperation();
            throw tooShort();
        }
        try {
            if (data.size() == 0 && inputOffset == 0 && inputLen == input.length) {
                return key.decrypt(iv, input, aadBytes);
            }
            byte[] out = new byte[(int) total - TAG_LENGTH];
            decryptFinal(input, inputOffset, inputLen, aadBytes, ByteBuffer.wrap(out));
            return out;
        } finally {
            finishOperation();
        }
    }

    @Override
    protected int engineDoFinal(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
            throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
        checkInit();
        if (input == null) {
            input = EMPTY;
        }
        if (inputOffset < 0 || inputLen < 0 || inputOffset > input.length - inputLen) {
            resetOperation();
            throw new IllegalBlockSizeException("input array invalid: offset " + inputOffset + ", length " + inputLen
                    + ", array of " + input.length);
        }
        long needed = finalOutputLength((long) data.size() + inputLen);
        if (output == null || outputOffset < 0 || outputOffset > output.length
                || output.length - outputOffset < needed) {
            // Nothing consumed: the caller may retry with a larger buffer.
            throw new ShortBufferException("Output buffer too small, must be at least " + needed + " bytes long, got "
                    + (output == null ? "no array" : Math.max(0, output.length - Math.max(0, outputOffset))
                            + " bytes"));
        }
        dataStarted = true;
        byte[] aadBytes = aadBytes();
        ByteBuffer out = ByteBuffer.wrap(output, outputOffset, (int) needed);
        try {
            if (encrypt) {
                encryptFinal(input, inputOffset, inputLen, aadBytes, out);
            } else {
                decryptFinal(input, inputOffset, inputLen, aadBytes, out);
            }
        } finally {
            finishOperation();
        }
        return (int) needed;
    }

    /**
     * What {@code doFinal} writes for {@code total} bytes of input in all: the ciphertext and tag when encrypting, the
     * plaintext when decrypting. Ends the operation when a decryption input is shorter than a tag.
     */
    private long finalOutputLength(long total) throws AEADBadTagException {
        if (encrypt) {
            long needed = total + TAG_LENGTH;
            checkTotal(needed);
            return needed;
        }
        if (total < TAG_LENGTH) {
            finishOperation();
            throw tooShort();
        }
        return total - TAG_LENGTH;
    }

    @Override
    protected int engineDoFinal(ByteBuffer input, ByteBuffer output)
            throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
        checkInit();
        long needed = finalOutputLength((long) data.size() + input.remaining());
        if (output.remaining() < needed) {
            throw new ShortBufferException("Output buffer must be at least " + needed + " bytes long, has "
                    + output.remaining() + " remaining");
        }
        dataStarted = true;
        byte[] aadBytes = aadBytes();
        AesGcmKey key = cachedKey;
        try {
            // In place on one heap array (JSSE's records: doFinal(buffer.duplicate(), buffer)) the key would copy the
            // input into a fresh array for every message; going through the reused collection buffer avoids that.
            boolean sameArray = input.hasArray() && output.hasArray() && input.array() == output.array();
            if (data.size() == 0 && !sameArray) {
                return encrypt ? key.encrypt(iv, input, aadBytes, output) : key.decrypt(iv, input, aadBytes, output);
            }
            // Collected input first: the kernel needs the message in one piece (and apart from the output).
            int start = input.position();
            data.append(input);
            try {
                return encrypt ? key.encrypt(iv, data.asBuffer(), aadBytes, output)
                        : key.decrypt(iv, data.asBuffer(), aadBytes, output);
            } catch (AEADBadTagException | RuntimeException e) {
                input.position(start); // as when nothing was collected: no position moves on failure
                throw e;
            }
        } finally {
            finishOperation();
        }
    }

    private void encryptFinal(byte[] input, int inputOffset, int inputLen, byte[] aadBytes, ByteBuffer out) {
        if (data.size() == 0) {
            cachedKey.encrypt(iv, ByteBuffer.wrap(input, inputOffset, inputLen), aadBytes, out);
        } else {
            data.append(input, inputOffset, inputLen);
            cachedKey.encrypt(iv, data.asBuffer(), aadBytes, out);
        }
    }

    private void decryptFinal(byte[] input, int inputOffset, int inputLen, byte[] aadBytes, ByteBuffer out)
            throws AEADBadTagException {
        if (data.size() == 0) {
            cachedKey.decrypt(iv, ByteBuffer.wrap(input, inputOffset, inputLen), aadBytes, out);
        } else {
            data.append(input, inputOffset, inputLen);
            cachedKey.decrypt(iv, data.asBuffer(), aadBytes, out);
        }
    }

    /** The AAD as an exact array, or null for none. */
    private byte[] aadBytes() {
        return aad.size() == 0 ? null : aad.exactArray();
    }

    private static void checkTotal(long outputLength) {
        if (outputLength > Accumulator.MAX_LENGTH) {
            throw new ProviderException("Ferrite's AES-GCM takes messages whose output fits a Java array ("
                    + Accumulator.MAX_LENGTH + " bytes), got " + outputLength);
        }
    }

    private static AEADBadTagException tooShort() {
        return new AEADBadTagException("Input data too short to contain an expected tag length of " + TAG_LENGTH
                + " bytes");
    }

    // ---------------------------------------------------------------- wrap

    @Override
    protected byte[] engineWrap(Key key) throws IllegalBlockSizeException, InvalidKeyException {
        checkInit();
        byte[] encoded = key == null ? null : key.getEncoded();
        if (encoded == null || encoded.length == 0) {
            throw new InvalidKeyException("Cannot get an encoding of the key to be wrapped");
        }
        try {
            return engineDoFinal(encoded, 0, encoded.length);
        } catch (BadPaddingException e) {
            throw new ProviderException(e); // encryption never checks a tag
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    @Override
    protected Key engineUnwrap(byte[] wrappedKey, String wrappedKeyAlgorithm, int wrappedKeyType)
            throws InvalidKeyException, NoSuchAlgorithmException {
        checkInit();
        byte[] encoded;
        try {
            encoded = engineDoFinal(wrappedKey, 0, wrappedKey.length);
        } catch (BadPaddingException e) {
            throw new InvalidKeyException("The wrapped key is not padded correctly", e);
        } catch (IllegalBlockSizeException e) {
            throw new InvalidKeyException("The wrapped key does not have the correct length", e);
        }
        try {
            switch (wrappedKeyType) {
                case Cipher.SECRET_KEY:
                    return new SecretKeySpec(encoded, wrappedKeyAlgorithm);
                case Cipher.PUBLIC_KEY:
                    return KeyFactory.getInstance(wrappedKeyAlgorithm)
                            .generatePublic(new X509EncodedKeySpec(encoded));
                case Cipher.PRIVATE_KEY:
                    return KeyFactory.getInstance(wrappedKeyAlgorithm)
                            .generatePrivate(new PKCS8EncodedKeySpec(encoded));
                default:
                    throw new NoSuchAlgorithmException("Unsupported key type " + wrappedKeyType
                            + ": expected Cipher.SECRET_KEY, PUBLIC_KEY or PRIVATE_KEY");
            }
        } catch (java.security.spec.InvalidKeySpecException e) {
            throw new InvalidKeyException("Cannot construct " + (wrappedKeyType == Cipher.PUBLIC_KEY ? "public"
                    : "private") + " key of algorithm " + wrappedKeyAlgorithm.toLowerCase(Locale.ROOT), e);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }
}
