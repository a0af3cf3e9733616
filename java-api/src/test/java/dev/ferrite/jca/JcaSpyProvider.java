package dev.ferrite.jca;

import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A provider named {@value #NAME} that counts what is done with Ferrite's services: it registers
 * {@code Cipher AES/GCM/NoPadding} and {@code Signature Ed25519}, and each object it creates is Ferrite's own SPI
 * object (from {@code ferrite.getService(type, algorithm).newInstance(parameter)}) inside a wrapper that passes every
 * call through unchanged (the same arguments, the same buffers) and counts it: successful inits, operations, bytes.
 *
 * <p>Counting the work, not just the instances, matters: the JCA picks a Cipher's or Signature's provider at
 * {@code init} and silently moves on to the next provider when an {@code init} throws (delayed provider selection),
 * and JSSE creates Ciphers to probe which suites are available. So "an instance was created" does not show that
 * Ferrite did anything; "Ferrite's Cipher encrypted N bytes" does.
 *
 * <p>The wrappers live in Ferrite's package to reach the protected engine methods of {@link AesGcmCipherSpi} and
 * {@link Ed25519SignatureSpi}; nothing in Ferrite is changed or subclassed.
 */
final class JcaSpyProvider extends Provider {
    private static final long serialVersionUID = 1L;

    /** The provider's name: {@value}. */
    static final String NAME = "FerriteSpy";

    /** What was counted; all counters start at 0. */
    static final class Counts {
        final AtomicLong cipherInstances = new AtomicLong();
        final AtomicLong cipherEncryptInits = new AtomicLong();
        final AtomicLong cipherDecryptInits = new AtomicLong();
        /** {@code doFinal} calls that returned, by direction. */
        final AtomicLong encryptions = new AtomicLong();
        final AtomicLong decryptions = new AtomicLong();
        /** Plaintext bytes of the finished encryptions and decryptions (output size, less the tag when encrypting). */
        final AtomicLong encryptedBytes = new AtomicLong();
        final AtomicLong decryptedBytes = new AtomicLong();
        /** {@code doFinal} calls with {@code ByteBuffer}s, and those of them with a direct input buffer. */
        final AtomicLong bufferCalls = new AtomicLong();
        final AtomicLong directBufferCalls = new AtomicLong();
        /** {@code update} calls with data (JSSE's TLS 1.3 records use none: one doFinal per record). */
        final AtomicLong updates = new AtomicLong();
        /**
         * Inits that Ferrite's Cipher refused with {@link InvalidAlgorithmParameterException}, as "IV length: message"
         * (the JCA then moves on to the next provider).
         */
        final List<String> cipherInitRefusals = new CopyOnWriteArrayList<>();
        /** Other exceptions thrown by Ferrite's Cipher from any call, and each distinct one (type: message). */
        final AtomicLong cipherFailures = new AtomicLong();
        final Set<String> cipherFailureKinds = ConcurrentHashMap.newKeySet();

        void cipherFailure(Exception e) {
            cipherFailures.incrementAndGet();
            cipherFailureKinds.add(e.toString());
        }

        final AtomicLong signatureInstances = new AtomicLong();
        final AtomicLong signInits = new AtomicLong();
        final AtomicLong verifyInits = new AtomicLong();
        final AtomicLong signatures = new AtomicLong();
        final AtomicLong verifications = new AtomicLong();
        final AtomicLong verifiedTrue = new AtomicLong();
        final AtomicLong signatureFailures = new AtomicLong();

        /** Constructions Ferrite's service refused with NoSuchAlgorithmException (none is expected). */
        final AtomicLong refused = new AtomicLong();

        @Override
        public String toString() {
            return "Cipher: " + cipherInstances + " instances, inits " + cipherEncryptInits + " encrypt / "
                    + cipherDecryptInits + " decrypt, " + encryptions + " encryptions (" + encryptedBytes
                    + " bytes), " + decryptions + " decryptions (" + decryptedBytes + " bytes), " + bufferCalls
                    + " with ByteBuffers (" + directBufferCalls + " direct), " + updates + " updates, "
                    + cipherFailures + " other exceptions " + cipherFailureKinds + ", init refused "
                    + cipherInitRefusals + "; Signature: "
                    + signatureInstances + " instances, inits "
                    + signInits + " sign / " + verifyInits + " verify, " + signatures + " signatures, "
                    + verifications + " verifications (" + verifiedTrue + " true), " + signatureFailures
                    + " exceptions; refused constructions: " + refused;
        }
    }

    private final transient Counts counts = new Counts();

    /**
     * The spy over {@code ferrite}'s services.
     *
     * @param ferrite the provider whose Cipher AES/GCM/NoPadding and Signature Ed25519 services are counted (it must
     *     offer both)
     */
    JcaSpyProvider(FerriteProvider ferrite) {
        super(NAME, "1.0", "counts the use of Ferrite's Cipher AES/GCM/NoPadding and Signature Ed25519");
        putService(new Spy(this, ferrite, "Cipher", "AES/GCM/NoPadding", CountingCipherSpi.class,
                Map.of("SupportedKeyFormats", "RAW")));
        putService(new Spy(this, ferrite, "Signature", "Ed25519", CountingSignatureSpi.class, Map.of()));
    }

    /** The counts of this provider's objects. */
    Counts counts() {
        return counts;
    }

    private static final class Spy extends Provider.Service {
        private final Provider.Service target;
        private final Counts counts;

        Spy(JcaSpyProvider spy, FerriteProvider ferrite, String type, String algorithm, Class<?> wrapper,
                Map<String, String> attributes) {
            super(spy, type, algorithm, wrapper.getName(), List.of(), attributes);
            this.target = ferrite.getService(type, algorithm);
            if (target == null) {
                throw new IllegalArgumentException(ferrite + " has no " + type + "." + algorithm);
            }
            this.counts = spy.counts;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            Object spi;
            try {
                spi = target.newInstance(constructorParameter);
            } catch (NoSuchAlgorithmException e) {
                counts.refused.incrementAndGet();
                throw e; // the JCA moves on to the next provider, as it would without the spy
            }
            if ("Cipher".equals(getType())) {
                counts.cipherInstances.incrementAndGet();
                return new CountingCipherSpi((AesGcmCipherSpi) spi, counts);
            }
            counts.signatureInstances.incrementAndGet();
            return new CountingSignatureSpi((Ed25519SignatureSpi) spi, counts);
        }
    }

    /** Ferrite's Cipher, every call passed through unchanged and counted. */
    static final class CountingCipherSpi extends CipherSpi {
        private final AesGcmCipherSpi ferrite;
        private final Counts counts;
        private boolean encrypt;

        CountingCipherSpi(AesGcmCipherSpi ferrite, Counts counts) {
            this.ferrite = ferrite;
            this.counts = counts;
        }

        private void initialised(int opmode) {
            encrypt = opmode == Cipher.ENCRYPT_MODE || opmode == Cipher.WRAP_MODE;
            (encrypt ? counts.cipherEncryptInits : counts.cipherDecryptInits).incrementAndGet();
        }

        /** Counts a finished operation from its output: ciphertext is plaintext plus the 16-byte tag. */
        private void finished(long outputBytes) {
            long plaintextBytes = encrypt ? outputBytes - 16 : outputBytes;
            if (encrypt) {
                counts.encryptions.incrementAndGet();
                counts.encryptedBytes.addAndGet(plaintextBytes);
            } else {
                counts.decryptions.incrementAndGet();
                counts.decryptedBytes.addAndGet(plaintextBytes);
            }
        }

        @Override
        protected void engineSetMode(String mode) throws NoSuchAlgorithmException {
            ferrite.engineSetMode(mode);
        }

        @Override
        protected void engineSetPadding(String padding) throws NoSuchPaddingException {
            ferrite.engineSetPadding(padding);
        }

        @Override
        protected int engineGetBlockSize() {
            return ferrite.engineGetBlockSize();
        }

        @Override
        protected int engineGetKeySize(Key key) throws InvalidKeyException {
            return ferrite.engineGetKeySize(key);
        }

        @Override
        protected int engineGetOutputSize(int inputLen) {
            return ferrite.engineGetOutputSize(inputLen);
        }

        @Override
        protected byte[] engineGetIV() {
            return ferrite.engineGetIV();
        }

        @Override
        protected AlgorithmParameters engineGetParameters() {
            return ferrite.engineGetParameters();
        }

        @Override
        protected void engineInit(int opmode, Key key, SecureRandom random) throws InvalidKeyException {
            try {
                ferrite.engineInit(opmode, key, random);
            } catch (Exception e) {
                counts.cipherFailure(e);
                throw e;
            }
            initialised(opmode);
        }

        @Override
        protected void engineInit(int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random)
                throws InvalidKeyException, InvalidAlgorithmParameterException {
            try {
                ferrite.engineInit(opmode, key, params, random);
            } catch (InvalidAlgorithmParameterException e) {
                int ivLength = params instanceof GCMParameterSpec ? ((GCMParameterSpec) params).getIV().length : -1;
                counts.cipherInitRefusals.add(ivLength + ": " + e.getMessage());
                throw e;
            } catch (Exception e) {
                counts.cipherFailure(e);
                throw e;
            }
            initialised(opmode);
        }

        @Override
        protected void engineInit(int opmode, Key key, AlgorithmParameters params, SecureRandom random)
                throws InvalidKeyException, InvalidAlgorithmParameterException {
            try {
                ferrite.engineInit(opmode, key, params, random);
            } catch (Exception e) {
                counts.cipherFailure(e);
                throw e;
            }
            initialised(opmode);
        }

        @Override
        protected void engineUpdateAAD(byte[] src, int offset, int len) {
            try {
                ferrite.engineUpdateAAD(src, offset, len);
            } catch (RuntimeException e) {
                counts.cipherFailure(e);
                throw e;
            }
        }

        @Override
        protected void engineUpdateAAD(ByteBuffer src) {
            try {
                ferrite.engineUpdateAAD(src);
            } catch (RuntimeException e) {
                counts.cipherFailure(e);
                throw e;
            }
        }

        @Override
        protected byte[] engineUpdate(byte[] input, int inputOffset, int inputLen) {
            counts.updates.incrementAndGet();
            try {
                return ferrite.engineUpdate(input, inputOffset, inputLen);
            } catch (RuntimeException e) {
                counts.cipherFailure(e);
                throw e;
            }
        }

        @Override
        protected int engineUpdate(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
                throws ShortBufferException {
            counts.updates.incrementAndGet();
            try {
                return ferrite.engineUpdate(input, inputOffset, inputLen, output, outputOffset);
            } catch (RuntimeException e) {
                counts.cipherFailure(e);
                throw e;
            }
        }

        @Override
        protected int engineUpdate(ByteBuffer input, ByteBuffer output) throws ShortBufferException {
            counts.updates.incrementAndGet();
            try {
                return ferrite.engineUpdate(input, output);
            } catch (RuntimeException e) {
                counts.cipherFailure(e);
                throw e;
            }
        }

        @Override
        protected byte[] engineDoFinal(byte[] input, int inputOffset, int inputLen)
                throws IllegalBlockSizeException, BadPaddingException {
            byte[] out;
            try {
                out = ferrite.engineDoFinal(input, inputOffset, inputLen);
            } catch (Exception e) {
                counts.cipherFailure(e);
                throw e;
            }
            finished(out.length);
            return out;
        }

        @Override
        protected int engineDoFinal(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
                throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
            int n;
            try {
                n = ferrite.engineDoFinal(input, inputOffset, inputLen, output, outputOffset);
            } catch (Exception e) {
                counts.cipherFailure(e);
                throw e;
            }
            finished(n);
            return n;
        }

        @Override
        protected int engineDoFinal(ByteBuffer input, ByteBuffer output)
                throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
            counts.bufferCalls.incrementAndGet();
            if (input.isDirect()) {
                counts.directBufferCalls.incrementAndGet();
            }
            int n;
            try {
                n = ferrite.engineDoFinal(input, output);
            } catch (Exception e) {
                counts.cipherFailure(e);
                throw e;
            }
            finished(n);
            return n;
        }

        @Override
        protected byte[] engineWrap(Key key) throws IllegalBlockSizeException, InvalidKeyException {
            return ferrite.engineWrap(key);
        }

        @Override
        protected Key engineUnwrap(byte[] wrappedKey, String wrappedKeyAlgorithm, int wrappedKeyType)
                throws InvalidKeyException, NoSuchAlgorithmException {
            return ferrite.engineUnwrap(wrappedKey, wrappedKeyAlgorithm, wrappedKeyType);
        }
    }

    /** Ferrite's Signature, every call passed through unchanged and counted. */
    static final class CountingSignatureSpi extends SignatureSpi {
        private final Ed25519SignatureSpi ferrite;
        private final Counts counts;

        CountingSignatureSpi(Ed25519SignatureSpi ferrite, Counts counts) {
            this.ferrite = ferrite;
            this.counts = counts;
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            try {
                ferrite.engineInitVerify(publicKey);
            } catch (Exception e) {
                counts.signatureFailures.incrementAndGet();
                throw e;
            }
            counts.verifyInits.incrementAndGet();
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            try {
                ferrite.engineInitSign(privateKey);
            } catch (Exception e) {
                counts.signatureFailures.incrementAndGet();
                throw e;
            }
            counts.signInits.incrementAndGet();
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey, SecureRandom random) throws InvalidKeyException {
            try {
                ferrite.engineInitSign(privateKey, random);
            } catch (Exception e) {
                counts.signatureFailures.incrementAndGet();
                throw e;
            }
            counts.signInits.incrementAndGet();
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            ferrite.engineUpdate(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            ferrite.engineUpdate(b, off, len);
        }

        @Override
        protected void engineUpdate(ByteBuffer input) {
            ferrite.engineUpdate(input);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            byte[] signature;
            try {
                signature = ferrite.engineSign();
            } catch (Exception e) {
                counts.signatureFailures.incrementAndGet();
                throw e;
            }
            counts.signatures.incrementAndGet();
            return signature;
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            boolean valid;
            try {
                valid = ferrite.engineVerify(sigBytes);
            } catch (Exception e) {
                counts.signatureFailures.incrementAndGet();
                throw e;
            }
            counts.verifications.incrementAndGet();
            if (valid) {
                counts.verifiedTrue.incrementAndGet();
            }
            return valid;
        }

        @Override
        protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
            ferrite.engineSetParameter(params);
        }

        @Override
        protected AlgorithmParameters engineGetParameters() {
            return ferrite.engineGetParameters();
        }

        @Deprecated
        @Override
        protected void engineSetParameter(String param, Object value) throws InvalidParameterException {
            ferrite.engineSetParameter(param, value);
        }

        @Deprecated
        @Override
        protected Object engineGetParameter(String param) throws InvalidParameterException {
            return ferrite.engineGetParameter(param);
        }
    }
}
