package dev.ferrite.hpke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.internal.ffi.NativeRuntime;
import dev.ferrite.x25519.X25519KeyPair;
import dev.ferrite.x25519.X25519PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HPKE's behaviour on each backend: every suite and mode round trip, contexts and their sequence numbers, tampering with
 * each input, low-order keys, limits, closing, and argument checks.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class HpkeTest {
    private static final byte[] INFO = "ferrite hpke test".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "header".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PSK = new byte[32];
    private static final byte[] PSK_ID = "psk id".getBytes(StandardCharsets.UTF_8);
    /** u = 0, a low-order point: X25519 with it is all zeros. */
    private static final byte[] LOW_ORDER = new byte[32];

    static {
        Arrays.fill(PSK, (byte) 7);
    }

    @Parameter
    Backend backend;

    private X25519KeyPair recipient;
    private X25519KeyPair sender;

    @BeforeEach
    void keys() {
        recipient = Crypto.x25519(backend).generateKeyPair();
        sender = Crypto.x25519(backend).generateKeyPair();
    }

    @AfterEach
    void close() {
        recipient.close();
        sender.close();
    }

    private Hpke hpke() {
        return Crypto.hpke(backend);
    }

    private HpkeSenderMode senderMode(HpkeMode mode) {
        return switch (mode) {
            case BASE -> HpkeSenderMode.base();
            case PSK -> HpkeSenderMode.psk(PSK, PSK_ID);
            case AUTH -> HpkeSenderMode.auth(sender.privateKey());
            case AUTH_PSK -> HpkeSenderMode.authPsk(sender.privateKey(), PSK, PSK_ID);
        };
    }

    private HpkeReceiverMode receiverMode(HpkeMode mode) {
        return switch (mode) {
            case BASE -> HpkeReceiverMode.base();
            case PSK -> HpkeReceiverMode.psk(PSK, PSK_ID);
            case AUTH -> HpkeReceiverMode.auth(sender.publicKey());
            case AUTH_PSK -> HpkeReceiverMode.authPsk(sender.publicKey(), PSK, PSK_ID);
        };
    }

    @Test
    void facade_givesTheBackendAskedFor() {
        assertEquals(backend, hpke().backend());
    }

    @Test
    void everySuiteAndMode_roundTrips_singleShotAndContexts() throws AEADBadTagException {
        SplittableRandom random = new SplittableRandom(9180);
        for (HpkeSuite suite : HpkeSuite.values()) {
            for (HpkeMode mode : HpkeMode.values()) {
                String what = suite + " " + mode;
                byte[] plaintext = new byte[random.nextInt(2000)];
                random.nextBytes(plaintext);
                HpkeSealed sealed = hpke().seal(suite, recipient.publicKey(), INFO, AAD, plaintext,
                        senderMode(mode));
                assertEquals(plaintext.length + 16, sealed.ciphertext().length, what);
                assertArrayEquals(plaintext, hpke().open(suite, sealed.enc(), recipient.privateKey(), INFO, AAD,
                        sealed.ciphertext(), receiverMode(mode)), what);

                try (HpkeSenderContext s = hpke().setupSender(suite, recipient.publicKey(), INFO, senderMode(mode));
                        HpkeReceiverContext r = hpke().setupReceiver(suite, s.enc(), recipient.privateKey(), INFO,
                                receiverMode(mode))) {
                    assertEquals(mode, s.mode());
                    assertEquals(suite, r.suite());
                    for (int i = 0; i < 5; i++) {
                        byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
                        assertArrayEquals(message, r.open(AAD, s.seal(AAD, message)), what + " message " + i);
                    }
                    assertEquals(5, s.sequenceNumber());
                    assertEquals(5, r.sequenceNumber());
                    byte[] exported = s.export("exporter".getBytes(StandardCharsets.UTF_8), 77);
                    assertEquals(77, exported.length);
                    assertArrayEquals(exported, r.export("exporter".getBytes(StandardCharsets.UTF_8), 77), what);
                    assertFalse(Arrays.equals(exported, s.export(new byte[0], 77)), what);
                }
            }
        }
    }

    @Test
    void emptyInfoAadAndPlaintext_work() throws AEADBadTagException {
        HpkeSuite suite = HpkeSuite.X25519_SHA256_AES_128_GCM;
        HpkeSealed sealed = hpke().seal(suite, recipient.publicKey(), new byte[0], new byte[0], new byte[0]);
        assertEquals(16, sealed.ciphertext().length);
        assertEquals(0, hpke().open(suite, sealed.enc(), recipient.privateKey(), new byte[0], new byte[0],
                sealed.ciphertext()).length);
    }

    @Test
    void freshEphemeralKey_eachTime() {
        HpkeSuite suite = HpkeSuite.X25519_SHA256_AES_256_GCM;
        HpkeSealed a = hpke().seal(suite, recipient.publicKey(), INFO, AAD, new byte[10]);
        HpkeSealed b = hpke().seal(suite, recipient.publicKey(), INFO, AAD, new byte[10]);
        assertFalse(Arrays.equals(a.enc(), b.enc()));
        assertFalse(Arrays.equals(a.ciphertext(), b.ciphertext()));
    }

    /** Changing any input the recipient uses makes the message fail to open (an AEADBadTagException). */
    @Test
    void tampering_withAnyInput_fails() throws AEADBadTagException {
        for (HpkeMode mode : HpkeMode.values()) {
            HpkeSuite suite = HpkeSuite.X25519_SHA256_AES_128_GCM;
            byte[] plaintext = "attack at dawn".getBytes(StandardCharsets.UTF_8);
            HpkeSealed sealed = hpke().seal(suite, recipient.publicKey(), INFO, AAD, plaintext, senderMode(mode));
            byte[] enc = sealed.enc();
            byte[] ct = sealed.ciphertext();
            assertArrayEquals(plaintext, hpke().open(suite, enc, recipient.privateKey(), INFO, AAD, ct,
                    receiverMode(mode)));
            byte[] badEnc = enc.clone();
            badEnc[3] ^= 1;
            byte[] badCt = ct.clone();
            badCt[0] ^= 1;
            byte[] badTag = ct.clone();
            badTag[ct.length - 1] ^= 1;
            byte[] badAad = AAD.clone();
            badAad[0] ^= 1;
            byte[] badInfo = Arrays.copyOf(INFO, INFO.length + 1);
            String what = mode.toString();
            assertThrows(AEADBadTagException.class, () -> hpke().open(suite, badEnc, recipient.privateKey(), INFO,
                    AAD, ct, receiverMode(mode)), what + " enc");
            assertThrows(AEADBadTagException.class, () -> hpke().open(suite, enc, recipient.privateKey(), INFO,
                    AAD, badCt, receiverMode(mode)), what + " ciphertext");
            assertThrows(AEADBadTagException.class, () -> hpke().open(suite, enc, recipient.privateKey(), INFO,
                    AAD, badTag, receiverMode(mode)), what + " tag");
            assertThrows(AEADBadTagException.class, () -> hpke().open(suite, enc, recipient.privateKey(), INFO,
                    badAad, ct, receiverMode(mode)), what + " aad");
            assertThrows(AEADBadTagException.class, () -> hpke().open(suite, enc, recipient.privateKey(), badInfo,
                    AAD, ct, receiverMode(mode)), what + " info");
            assertThrows(AEADBadTagException.class, () -> hpke().open(HpkeSuite.X25519_SHA256_AES_256_GCM, enc,
                    recipient.privateKey(), INFO, AAD, ct, receiverMode(mode)), what + " suite");
            assertThrows(AEADBadTagException.class, () -> hpke().open(suite, enc, sender.privateKey(), INFO, AAD,
                    ct, receiverMode(mode)), what + " recipient key");
            assertThrows(AEADBadTagException.class, () -> hpke().open(suite, enc, recipient.privateKey(), INFO,
                    AAD, Arrays.copyOf(ct, 15), receiverMode(mode)), what + " too short");
            for (HpkeMode other : HpkeMode.values()) {
                if (other != mode) {
                    assertThrows(AEADBadTagException.class, () -> hpke().open(suite, enc, recipient.privateKey(),
                            INFO, AAD, ct, receiverMode(other)), what + " opened as " + other);
                }
            }
            if (mode.usesPsk()) {
                byte[] otherPsk = PSK.clone();
                otherPsk[31] ^= 1;
                HpkeReceiverMode wrongPsk = mode == HpkeMode.PSK ? HpkeReceiverMode.psk(otherPsk, PSK_ID)
                        : HpkeReceiverMode.authPsk(sender.publicKey(), otherPsk, PSK_ID);
                HpkeReceiverMode wrongId = mode == HpkeMode.PSK ? HpkeReceiverMode.psk(PSK, new byte[] {1})
                        : HpkeReceiverMode.authPsk(sender.publicKey(), PSK, new byte[] {1});
                assertThrows(AEADBadTagException.class, () -> hpke().open(suite, enc, recipient.privateKey(), INFO,
                        AAD, ct, wrongPsk), what + " psk");
                assertThrows(AEADBadTagException.class, () -> hpke().open(suite, enc, recipient.privateKey(), INFO,
                        AAD, ct, wrongId), what + " psk id");
            }
            if (mode.usesSenderKey()) {
                HpkeReceiverMode wrongSender = mode == HpkeMode.AUTH ? HpkeReceiverMode.auth(recipient.publicKey())
                        : HpkeReceiverMode.authPsk(recipient.publicKey(), PSK, PSK_ID);
                assertThrows(AEADBadTagException.class, () -> hpke().open(suite, enc, recipient.privateKey(), INFO,
                        AAD, ct, wrongSender), what + " sender key");
            }
        }
    }

    /** A failed open does not advance the sequence number (RFC 9180 §5.2): the next genuine message still opens. */
    @Test
    void failedOpen_keepsTheSequenceNumber() throws AEADBadTagException {
        for (HpkeSuite suite : HpkeSuite.values()) {
            try (HpkeSenderContext s = hpke().setupSender(suite, recipient.publicKey(), INFO, HpkeSenderMode.base());
                    HpkeReceiverContext r = hpke().setupReceiver(suite, s.enc(), recipient.privateKey(), INFO,
                            HpkeReceiverMode.base())) {
                byte[] first = s.seal(AAD, new byte[] {1});
                byte[] second = s.seal(AAD, new byte[] {2});
                assertThrows(AEADBadTagException.class, () -> r.open(AAD, second), suite + " out of order");
                byte[] forged = first.clone();
                forged[0] ^= 1;
                assertThrows(AEADBadTagException.class, () -> r.open(AAD, forged), suite + " forged");
                assertEquals(0, r.sequenceNumber());
                assertArrayEquals(new byte[] {1}, r.open(AAD, first), suite.toString());
                assertArrayEquals(new byte[] {2}, r.open(AAD, second), suite.toString());
                assertThrows(AEADBadTagException.class, () -> r.open(AAD, first), suite + " replay");
                assertEquals(2, r.sequenceNumber());
            }
        }
    }

    @Test
    void lowOrderKeys_areRefused() throws AEADBadTagException {
        HpkeSuite suite = HpkeSuite.X25519_SHA256_AES_128_GCM;
        X25519PublicKey lowOrder = X25519PublicKey.fromBytes(LOW_ORDER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> hpke().seal(suite, lowOrder, INFO, AAD, new byte[1]));
        assertTrue(e.getMessage().contains("low-order"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> hpke().setupSender(suite, lowOrder, INFO, HpkeSenderMode.auth(sender.privateKey())));
        assertThrows(AEADBadTagException.class, () -> hpke().open(suite, LOW_ORDER, recipient.privateKey(), INFO,
                AAD, new byte[16]));
        assertThrows(AEADBadTagException.class, () -> hpke().setupReceiver(suite, LOW_ORDER, recipient.privateKey(),
                INFO, HpkeReceiverMode.base()));
        HpkeSealed sealed = hpke().seal(suite, recipient.publicKey(), INFO, AAD, new byte[1],
                HpkeSenderMode.auth(sender.privateKey()));
        e = assertThrows(IllegalArgumentException.class, () -> hpke().open(suite, sealed.enc(),
                recipient.privateKey(), INFO, AAD, sealed.ciphertext(), HpkeReceiverMode.auth(lowOrder)));
        assertTrue(e.getMessage().contains("sender's public key is a low-order"), e.getMessage());
        // Both low-order: the sender's key is checked first, on both backends.
        assertThrows(IllegalArgumentException.class, () -> hpke().open(suite, LOW_ORDER, recipient.privateKey(),
                INFO, AAD, sealed.ciphertext(), HpkeReceiverMode.auth(lowOrder)));
    }

    @Test
    void export_limits() {
        try (HpkeSenderContext s = hpke().setupSender(HpkeSuite.X25519_SHA256_AES_128_GCM, recipient.publicKey(),
                INFO, HpkeSenderMode.base())) {
            assertEquals(8160, s.export(new byte[0], 8160).length);
            assertEquals(1, s.export(new byte[0], 1).length);
            assertThrows(IllegalArgumentException.class, () -> s.export(new byte[0], 8161));
            assertThrows(IllegalArgumentException.class, () -> s.export(new byte[0], 0));
            assertThrows(NullPointerException.class, () -> s.export(null, 32));
            // The length is bound into the expansion (LabeledExpand's I2OSP(L, 2)): a shorter export is not the
            // longer one's start.
            assertFalse(Arrays.equals(Arrays.copyOf(s.export(INFO, 100), 40), s.export(INFO, 40)));
            assertArrayEquals(s.export(INFO, 40), s.export(INFO, 40));
        }
    }

    @Test
    void sequenceLimit_refusesTheLastNonce() throws AEADBadTagException {
        try (HpkeSenderContext s = hpke().setupSender(HpkeSuite.X25519_SHA256_AES_128_GCM, recipient.publicKey(),
                INFO, HpkeSenderMode.base());
                HpkeReceiverContext r = hpke().setupReceiver(HpkeSuite.X25519_SHA256_AES_128_GCM, s.enc(),
                        recipient.privateKey(), INFO, HpkeReceiverMode.base())) {
            byte[] ct = s.seal(AAD, new byte[1]);
            s.sequenceNumberForTest(-1L);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.seal(AAD, new byte[1]));
            assertTrue(e.getMessage().contains("limit"), e.getMessage());
            assertEquals("18446744073709551615", Long.toUnsignedString(s.sequenceNumber()));
            r.sequenceNumberForTest(-1L);
            assertThrows(IllegalStateException.class, () -> r.open(AAD, ct));
        }
    }

    @Test
    void closedContextsAndKeys_throwIllegalState() throws AEADBadTagException {
        HpkeSuite suite = HpkeSuite.X25519_SHA256_CHACHA20_POLY1305;
        HpkeSenderContext s = hpke().setupSender(suite, recipient.publicKey(), INFO, HpkeSenderMode.base());
        HpkeReceiverContext r = hpke().setupReceiver(suite, s.enc(), recipient.privateKey(), INFO,
                HpkeReceiverMode.base());
        byte[] ct = s.seal(AAD, new byte[3]);
        s.close();
        s.close();
        r.close();
        assertTrue(s.isClosed());
        assertThrows(IllegalStateException.class, () -> s.seal(AAD, new byte[3]));
        assertThrows(IllegalStateException.class, () -> s.export(INFO, 32));
        assertThrows(IllegalStateException.class, () -> r.open(AAD, ct));
        assertEquals(32, s.enc().length, "enc stays readable");
        assertTrue(s.toString().contains("closed"), s.toString());

        X25519KeyPair closed = Crypto.x25519(backend).generateKeyPair();
        closed.close();
        assertThrows(IllegalStateException.class, () -> hpke().seal(suite, recipient.publicKey(), INFO, AAD,
                new byte[1], HpkeSenderMode.auth(closed.privateKey())));
        assertThrows(IllegalStateException.class, () -> hpke().open(suite, s.enc(), closed.privateKey(), INFO, AAD,
                ct));
    }

    /** Messages over 1 MiB take the copying path on native; same answers. */
    @Test
    void largeMessages_roundTrip() throws AEADBadTagException {
        byte[] plaintext = new byte[(1 << 20) + 333];
        new SplittableRandom(1).nextBytes(plaintext);
        byte[] bigInfo = new byte[(1 << 20) + 5];
        for (HpkeSuite suite : List.of(HpkeSuite.X25519_SHA256_AES_256_GCM,
                HpkeSuite.X25519_SHA256_CHACHA20_POLY1305)) {
            HpkeSealed sealed = hpke().seal(suite, recipient.publicKey(), bigInfo, AAD, plaintext);
            assertArrayEquals(plaintext, hpke().open(suite, sealed.enc(), recipient.privateKey(), bigInfo, AAD,
                    sealed.ciphertext()));
            try (HpkeSenderContext s = hpke().setupSender(suite, recipient.publicKey(), INFO, HpkeSenderMode.base());
                    HpkeReceiverContext r = hpke().setupReceiver(suite, s.enc(), recipient.privateKey(), INFO,
                            HpkeReceiverMode.base())) {
                assertArrayEquals(plaintext, r.open(plaintext, s.seal(plaintext, plaintext)));
                assertArrayEquals(s.export(bigInfo, 64), r.export(bigInfo, 64));
            }
        }
    }

    @Test
    void modes_checkTheirArguments() {
        assertThrows(IllegalArgumentException.class, () -> HpkeSenderMode.psk(new byte[31], PSK_ID));
        assertThrows(IllegalArgumentException.class, () -> HpkeSenderMode.psk(PSK, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> HpkeReceiverMode.psk(new byte[31], PSK_ID));
        assertThrows(NullPointerException.class, () -> HpkeSenderMode.auth(null));
        assertThrows(NullPointerException.class, () -> HpkeReceiverMode.authPsk(null, PSK, PSK_ID));
        byte[] psk = PSK.clone();
        HpkeSenderMode mode = HpkeSenderMode.psk(psk, PSK_ID);
        Arrays.fill(psk, (byte) 0);
        assertArrayEquals(PSK, mode.pskBytes(), "the mode keeps its own copy");
        assertEquals("HpkeSenderMode[PSK]", mode.toString());
        assertEquals(HpkeMode.AUTH_PSK, HpkeReceiverMode.authPsk(sender.publicKey(), PSK, PSK_ID).mode());
    }

    @Test
    void nullsAndBadLengths_areRefused() {
        HpkeSuite suite = HpkeSuite.X25519_SHA256_AES_128_GCM;
        X25519PublicKey pk = recipient.publicKey();
        assertThrows(NullPointerException.class, () -> hpke().seal(null, pk, INFO, AAD, new byte[1]));
        assertThrows(NullPointerException.class, () -> hpke().seal(suite, null, INFO, AAD, new byte[1]));
        assertThrows(NullPointerException.class, () -> hpke().seal(suite, pk, null, AAD, new byte[1]));
        assertThrows(NullPointerException.class, () -> hpke().seal(suite, pk, INFO, null, new byte[1]));
        assertThrows(NullPointerException.class, () -> hpke().seal(suite, pk, INFO, AAD, null));
        assertThrows(NullPointerException.class, () -> hpke().seal(suite, pk, INFO, AAD, new byte[1], null));
        assertThrows(IllegalArgumentException.class, () -> hpke().open(suite, new byte[31], recipient.privateKey(),
                INFO, AAD, new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> hpke().setupReceiver(suite, new byte[33],
                recipient.privateKey(), INFO, HpkeReceiverMode.base()));
        assertThrows(NullPointerException.class, () -> hpke().deriveKeyPair(null));
        try (HpkeSenderContext s = hpke().setupSender(suite, pk, INFO, HpkeSenderMode.base())) {
            assertThrows(NullPointerException.class, () -> s.seal(null, new byte[1]));
            assertThrows(NullPointerException.class, () -> s.seal(AAD, null));
        }
    }

    @Test
    void sealed_joinsAndSplits() {
        HpkeSealed sealed = hpke().seal(HpkeSuite.X25519_SHA256_AES_128_GCM, recipient.publicKey(), INFO, AAD,
                new byte[5]);
        byte[] joined = sealed.toBytes();
        assertEquals(32 + 21, joined.length);
        assertEquals(sealed, HpkeSealed.fromBytes(joined));
        assertEquals(sealed.hashCode(), HpkeSealed.fromBytes(joined).hashCode());
        assertEquals(sealed, HpkeSealed.of(sealed.enc(), sealed.ciphertext()));
        assertThrows(IllegalArgumentException.class, () -> HpkeSealed.fromBytes(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> HpkeSealed.of(new byte[31], new byte[16]));
        assertEquals("HpkeSealed[enc 32 bytes, ciphertext 21 bytes]", sealed.toString());
        sealed.enc()[0] ^= 1;
        assertEquals(sealed, HpkeSealed.fromBytes(joined), "accessors return copies");
    }

    @Test
    void toString_showsNoSecrets() {
        try (HpkeSenderContext s = hpke().setupSender(HpkeSuite.X25519_SHA256_AES_128_GCM, recipient.publicKey(),
                INFO, HpkeSenderMode.psk(PSK, PSK_ID))) {
            String text = s.toString() + HpkeSenderMode.psk(PSK, PSK_ID) + hpke();
            assertFalse(text.contains(HexFormat.of().formatHex(PSK)), text);
            assertTrue(s.toString().startsWith("HpkeSenderContext[X25519_SHA256_AES_128_GCM, PSK, sequence 0"),
                    s.toString());
        }
    }

    @Test
    void deriveKeyPair_isDeterministic() {
        byte[] ikm = "some input keying material, 32 b".getBytes(StandardCharsets.UTF_8);
        try (X25519KeyPair a = hpke().deriveKeyPair(ikm); X25519KeyPair b = hpke().deriveKeyPair(ikm);
                X25519KeyPair c = hpke().deriveKeyPair(new byte[0])) {
            assertEquals(a.publicKey(), b.publicKey());
            assertNotEquals(a.publicKey(), c.publicKey());
        }
    }

    /** Native contexts are freed by close and, when dropped unclosed, by the Cleaner; nothing stays behind. */
    @Test
    void nativeContexts_areFreed_closedOrDropped() throws Exception {
        if (backend != Backend.NATIVE) {
            return; // the Java backend has no native state; its contexts are wiped on close (tested above)
        }
        HpkeSuite suite = HpkeSuite.X25519_SHA256_AES_128_GCM;
        long before = NativeRuntime.liveHandles();
        for (int i = 0; i < 50; i++) {
            try (HpkeSenderContext s = hpke().setupSender(suite, recipient.publicKey(), INFO, HpkeSenderMode.base());
                    HpkeReceiverContext r = hpke().setupReceiver(suite, s.enc(), recipient.privateKey(), INFO,
                            HpkeReceiverMode.base())) {
                assertTrue(NativeRuntime.liveHandles() >= before + 2, "two contexts are live");
                r.open(AAD, s.seal(AAD, new byte[i]));
            }
        }
        assertTrue(NativeRuntime.liveHandles() <= before, "closed contexts were freed");
        for (int i = 0; i < 200; i++) {
            hpke().setupSender(suite, recipient.publicKey(), INFO, HpkeSenderMode.base()).seal(AAD, new byte[1]);
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (NativeRuntime.liveHandles() > before && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(NativeRuntime.liveHandles() <= before, "dropped contexts were freed by the Cleaner: "
                + NativeRuntime.liveHandles() + " live, " + before + " before");
    }
}
