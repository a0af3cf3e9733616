package dev.ferrite.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ferrite.Backend;
import dev.ferrite.JcaChildProcess;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.3 through the JDK's own, unmodified JSSE with Ferrite installed first: two {@link SSLEngine}s in this JVM
 * (no sockets, no network) talk TLS 1.3 with one cipher suite per test and an Ed25519 certificate made by the JDK's
 * {@code keytool} in a child process; the client trusts exactly that certificate. Each direction carries
 * {@value #PER_DIRECTION} bytes (100 MiB; 200 MiB in total per run) of a deterministic pattern, checked byte for byte
 * against the pattern and by SHA-256 (SUN's, so the check does not depend on the provider under test).
 *
 * <p>Each test runs the same transfer three times:
 * <ol>
 *   <li><b>without Ferrite</b> (the JDK's providers: the reference);
 *   <li><b>Ferrite at position 1</b> ({@code Security.insertProviderAt}, removed afterwards), as an application
 *       would install it: {@code Cipher.getInstance("AES/GCM/NoPadding")}, {@code Signature.getInstance("Ed25519")}
 *       and {@code KeyFactory.getInstance("Ed25519")} answer with Ferrite, and (JDK 20+, where the JFR event exists)
 *       a {@code jdk.SecurityProviderService} recording shows that JSSE's lookups of the AES/GCM Cipher for its
 *       records ({@code SSLCipher}) and of the Ed25519 Signature were all answered by Ferrite: no fall-back to
 *       SunJCE or SunEC at {@code init} (see {@link #checkServiceEvents} for the one fall-back there is, the
 *       session ticket);
 *   <li><b>{@value JcaSpyProvider#NAME} at position 1, Ferrite at 2</b>: {@link JcaSpyProvider} hands out Ferrite's
 *       own SPI objects in counting wrappers, which proves the work was Ferrite's: at least the 200 MiB were
 *       encrypted and decrypted by Ferrite's Cipher with one init per record, every TLS record encrypted was
 *       decrypted, all through {@code doFinal(ByteBuffer, ByteBuffer)} in place (JSSE passes duplicates of one
 *       buffer); the server's CertificateVerify was signed and the client's check of it verified by Ferrite's
 *       Signature; Ferrite's Cipher and Signature threw nothing, except the refused session-ticket init.
 * </ol>
 * JSSE's TLS 1.3 records carry at most 16,367 bytes of data (it pads each with 16 zero bytes), so each 16 KiB write
 * of the test becomes two records: about 25,600 records per run.
 * The received data is the same in all three runs. {@code TLS_AES_128_GCM_SHA256} runs with heap buffers,
 * {@code TLS_AES_256_GCM_SHA384} with direct ones (application and network), so both kinds reach Ferrite's Cipher.
 *
 * <p>The provider installed: the native backend's default services (what {@link FerriteProvider#install()} gives:
 * Ed25519 and AES-GCM); the Java backend's default set has no AES-GCM, so there it is installed with {@code all}
 * (which adds SHA-256, used by JSSE's transcript hash and HKDF).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class JcaTlsClientTest {
    /** Bytes sent in each direction per run (100 MiB). */
    static final long PER_DIRECTION = 100L << 20;

    private static final String ALIAS = "server";
    private static final char[] PASSWORD = "ferrite-tls".toCharArray();
    private static final String SERVICE_EVENT = "jdk.SecurityProviderService";

    @TempDir
    static Path dir;

    private static Path keyStore;

    @Parameter
    Backend backend;

    private final List<String> installed = new ArrayList<>();


    /** The Ed25519 key pair and self-signed certificate, made by this JDK's keytool into a PKCS12 keystore. */
    @BeforeAll
    static void keytool() throws Exception {
        keyStore = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        JcaChildProcess.runOk(List.of(keytool, "-genkeypair", "-keyalg", "Ed25519", "-alias", ALIAS, "-dname",
                "CN=localhost, O=Ferrite test", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                keyStore.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)),
                Duration.ofMinutes(1));
        assertTrue(Files.size(keyStore) > 0, "keytool wrote no keystore");
    }

    @AfterEach
    void uninstall() {
        for (String name : installed) {
            Security.removeProvider(name);
        }
        installed.clear();
        assertNull(Security.getProvider(FerriteProvider.NAME), "Ferrite is still installed");
        assertNull(Security.getProvider(JcaSpyProvider.NAME), "the spy is still installed");
    }

    @Test
    void tls13_aes128Gcm_heapBuffers() throws Exception {
        threeRuns("TLS_AES_128_GCM_SHA256", false);
    }

    @Test
    void tls13_aes256Gcm_directBuffers() throws Exception {
        threeRuns("TLS_AES_256_GCM_SHA384", true);
    }

    private FerriteProvider ferrite() {
        FerriteProvider p = backend == Backend.NATIVE ? new FerriteProvider(Backend.NATIVE)
                : new FerriteProvider(Backend.JAVA, true);
        assertNotNull(p.getService("Cipher", "AES/GCM/NoPadding"), p.getInfo());
        assertNotNull(p.getService("Signature", "Ed25519"), p.getInfo());
        return p;
    }

    private void install(Provider p) {
        installed.add(p.getName());
        assertEquals(1, Security.insertProviderAt(p, 1), p.getName() + " was not installed at position 1");
    }

    private void threeRuns(String suite, boolean direct) throws Exception {
        // 1. The JDK's providers only.
        assertNull(Security.getProvider(FerriteProvider.NAME));
        Transfer reference = transfer(suite, direct);
        System.out.println(backend + " " + suite + " without Ferrite: " + reference);

        // 2. Ferrite installed first, as an application does it.
        FerriteProvider ferrite = ferrite();
        install(ferrite);
        Transfer withFerrite;
        List<RecordedEvent> events;
        try (Recording recording = serviceRecording()) {
            assertEquals(FerriteProvider.NAME, Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName());
            assertEquals(FerriteProvider.NAME, Signature.getInstance("Ed25519").getProvider().getName());
            assertEquals(FerriteProvider.NAME, KeyFactory.getInstance("Ed25519").getProvider().getName());
            withFerrite = transfer(suite, direct);
            events = events(recording);
        }
        System.out.println(backend + " " + suite + " with Ferrite at position 1: " + withFerrite);
        if (events != null) {
            int ticket = checkServiceEvents(events);
            System.out.println(backend + " " + suite + ": session-ticket AES-GCM lookups answered by the JDK (16-byte"
                    + " IV, refused by Ferrite): " + ticket);
        }
        Security.removeProvider(FerriteProvider.NAME);
        installed.remove(FerriteProvider.NAME);

        // 3. The spy first (Ferrite's own objects, counted), Ferrite second.
        FerriteProvider second = ferrite();
        JcaSpyProvider spy = new JcaSpyProvider(second);
        install(second);
        install(spy);
        assertEquals(JcaSpyProvider.NAME, Security.getProviders()[0].getName());
        assertEquals(FerriteProvider.NAME, Security.getProviders()[1].getName());
        Transfer counted = transfer(suite, direct);
        JcaSpyProvider.Counts c = spy.counts();
        System.out.println(backend + " " + suite + " with " + JcaSpyProvider.NAME + ": " + counted + "; " + c);

        // The same bytes arrived every time, and they are the bytes sent.
        for (Transfer t : List.of(withFerrite, counted)) {
            assertArrayEquals(reference.clientToServer, t.clientToServer, "client to server: not the reference data");
            assertArrayEquals(reference.serverToClient, t.serverToClient, "server to client: not the reference data");
            assertEquals(suite, t.suite);
            assertEquals("TLSv1.3", t.protocol);
        }

        // Ferrite's Cipher did the record protection: all of it, in both directions, without an exception. The only
        // inits it refused were JSSE's session-ticket encryptions, with a 16-byte IV (Ferrite takes 12-byte IVs
        // only, a documented difference; the JCA moved on to SunJCE for those).
        long records = c.encryptions.get();
        assertEquals(0, c.refused.get(), "Ferrite's service refused to make a Cipher or Signature: " + c);
        if (Runtime.version().feature() >= 22) {
            assertEquals(0, c.cipherFailures.get(), "Ferrite's Cipher threw: " + c);
        } else {
            // JSSE 17 makes a few calls that end in exceptions (a doFinal on input shorter than a tag, a second
            // doFinal without a new IV) and carries on; Ferrite throws SunJCE's types and messages for those, and the
            // transfer is intact (checked above). Any other exception is a failure.
            Set<String> probes = Set.of(
                    "javax.crypto.AEADBadTagException: Input data too short to contain an expected tag length of 16"
                            + " bytes",
                    "java.lang.IllegalStateException: Must use either different key or  iv for GCM encryption");
            assertTrue(probes.containsAll(c.cipherFailureKinds), "Ferrite's Cipher threw: " + c);
        }
        for (String refusal : c.cipherInitRefusals) {
            assertTrue(refusal.startsWith("16: ") && refusal.contains("12-byte"), "an init refused: " + refusal);
        }
        assertTrue(c.encryptedBytes.get() >= 2 * PER_DIRECTION, "Ferrite encrypted too little: " + c);
        assertTrue(c.decryptedBytes.get() >= 2 * PER_DIRECTION, "Ferrite decrypted too little: " + c);
        assertTrue(records >= 2 * PER_DIRECTION / 16384, "fewer records than 200 MiB needs: " + c);
        assertEquals(records, c.decryptions.get(), "every record encrypted is decrypted: " + c);
        assertEquals(c.encryptedBytes.get(), c.decryptedBytes.get(), c.toString());
        assertEquals(records + c.decryptions.get(), c.bufferCalls.get(), "JSSE uses doFinal(ByteBuffer, ByteBuffer)");
        assertEquals(direct ? c.bufferCalls.get() : 0, c.directBufferCalls.get(), c.toString());
        assertEquals(records, c.cipherEncryptInits.get(), "one init per record: " + c);
        assertEquals(0, c.updates.get(), c.toString());
        // Ferrite's Signature signed the server's CertificateVerify and verified it on the client.
        assertEquals(0, c.signatureFailures.get(), "Ferrite's Signature threw: " + c);
        assertTrue(c.signatures.get() >= 1, "Ferrite signed nothing: " + c);
        assertTrue(c.verifiedTrue.get() >= 1, "Ferrite verified nothing: " + c);
        assertEquals(c.verifications.get(), c.verifiedTrue.get(), "a signature did not verify: " + c);
    }

    // ---------------------------------------------------------------- JFR evidence (JDK 20+)

    /** A recording of the JCA's service lookups with stack traces, or null where the event does not exist. */
    private static Recording serviceRecording() {
        boolean exists = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .map(EventType::getName).anyMatch(SERVICE_EVENT::equals);
        if (!exists) {
            assertTrue(Runtime.version().feature() < 20, SERVICE_EVENT + " is missing on JDK 20+");
            return null;
        }
        Recording recording = new Recording();
        recording.enable(SERVICE_EVENT).withStackTrace();
        recording.start();
        return recording;
    }

    private static List<RecordedEvent> events(Recording recording) throws Exception {
        if (recording == null) {
            return null;
        }
        recording.stop();
        Path file = Files.createTempFile(dir, "services-", ".jfr");
        recording.dump(file);
        return RecordingFile.readAllEvents(file);
    }

    /**
     * What the JFR lookups show, for Cipher AES/GCM/NoPadding and Signature Ed25519 looked up from JSSE
     * ({@code sun.security.ssl} on the stack) and not from inside Ferrite (whose Java AES-GCM kernel looks up the
     * JDK's Cipher by name): every lookup for JSSE's record protection ({@code SSLCipher}) and every Signature lookup
     * was answered by Ferrite, and there were such lookups. A fall-back to the JDK at {@code init} would show as a
     * lookup answered by SunJCE or SunEC. The one fall-back allowed is JSSE's stateless session ticket
     * ({@code SessionTicketExtension}), which encrypts with AES-GCM and a 16-byte IV: Ferrite takes only 12-byte IVs
     * and refuses it (a documented difference), so the JCA moves on to SunJCE.
     *
     * @return the number of session-ticket lookups answered by another provider
     */
    private static int checkServiceEvents(List<RecordedEvent> events) {
        int cipher = 0;
        int signature = 0;
        int ticket = 0;
        List<String> others = new ArrayList<>();
        for (RecordedEvent e : events) {
            String type = e.getString("type");
            String algorithm = e.getString("algorithm");
            boolean gcm = "Cipher".equals(type) && "AES/GCM/NoPadding".equals(algorithm);
            boolean ed25519 = "Signature".equals(type) && "Ed25519".equalsIgnoreCase(algorithm);
            if (!gcm && !ed25519 || e.getStackTrace() == null) {
                continue;
            }
            boolean fromJsse = false;
            boolean fromRecords = false;
            boolean fromTicket = false;
            boolean fromFerrite = false;
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                String name = f.getMethod().getType().getName();
                fromJsse |= name.startsWith("sun.security.ssl.");
                fromRecords |= name.startsWith("sun.security.ssl.SSLCipher");
                fromTicket |= name.startsWith("sun.security.ssl.SessionTicketExtension");
                fromFerrite |= name.startsWith("dev.ferrite.") && !name.startsWith(JcaTlsClientTest.class.getName());
            }
            if (!fromJsse || fromFerrite) {
                continue;
            }
            String provider = e.getString("provider");
            if (FerriteProvider.NAME.equals(provider)) {
                if (gcm && fromRecords) {
                    cipher++;
                } else if (ed25519) {
                    signature++;
                }
            } else if (gcm && fromTicket) {
                ticket++;
            } else {
                others.add(type + "." + algorithm + " from " + provider + " at " + e.getStackTrace().getFrames()
                        .stream().limit(12).map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName()
                                + ":" + f.getLineNumber()).collect(Collectors.joining("\n  ")));
            }
        }
        assertTrue(others.isEmpty(), "JSSE got services from other providers: " + others);
        // Handshake and application traffic keys, read and write, on each side.
        assertTrue(cipher >= 8, "JSSE's records looked up Ferrite's AES/GCM Cipher only " + cipher + " times");
        assertTrue(signature >= 1, "JSSE looked up Ferrite's Ed25519 Signature " + signature + " times");
        return ticket;
    }

    // ---------------------------------------------------------------- the transfer

    /** What one run moved: SHA-256 of each direction's received bytes, and the session's protocol and suite. */
    static final class Transfer {
        byte[] clientToServer;
        byte[] serverToClient;
        String protocol;
        String suite;
        long millis;
        long loops;

        @Override
        public String toString() {
            HexFormat hex = HexFormat.of();
            return protocol + " " + suite + ", " + (2 * PER_DIRECTION >> 20) + " MiB in " + millis + " ms (" + loops
                    + " pump loops), SHA-256 c->s " + hex.formatHex(clientToServer).substring(0, 16) + "..., s->c "
                    + hex.formatHex(serverToClient).substring(0, 16) + "...";
        }
    }

    /**
     * One TLS 1.3 connection between two engines of a fresh SSLContext each (no session reuse), the keystore read
     * with the providers installed now: handshake, {@link #PER_DIRECTION} bytes each way (at the same time), then
     * close_notify both ways.
     */
    private Transfer transfer(String suite, boolean direct) throws Exception {
        long start = System.nanoTime();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, PASSWORD);
        }
        X509Certificate certificate = (X509Certificate) ks.getCertificate(ALIAS);
        assertEquals("Ed25519", certificate.getSigAlgName());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, PASSWORD);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry(ALIAS, certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trusted);

        SSLContext serverContext = SSLContext.getInstance("TLSv1.3");
        serverContext.init(kmf.getKeyManagers(), null, new SecureRandom());
        SSLContext clientContext = SSLContext.getInstance("TLSv1.3");
        clientContext.init(null, tmf.getTrustManagers(), new SecureRandom());
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        SSLEngine client = clientContext.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        for (SSLEngine e : List.of(server, client)) {
            e.setEnabledProtocols(new String[] {"TLSv1.3"});
            e.setEnabledCipherSuites(new String[] {suite});
        }

        Side c = new Side("client", client, direct, 1);
        Side s = new Side("server", server, direct, 2);
        client.beginHandshake();
        server.beginHandshake();
        long loops = 0;
        int idle = 0;
        boolean closing = false;
        while (!(c.done() && s.done())) {
            loops++;
            boolean progress = c.wrap() | s.wrap();
            progress |= s.unwrap(c.net) | c.unwrap(s.net);
            if (!closing && c.finished() && s.finished()) {
                client.closeOutbound();
                server.closeOutbound();
                closing = true;
                progress = true;
            }
            idle = progress ? 0 : idle + 1;
            if (idle > 100) {
                fail("no progress: client " + c + ", server " + s);
            }
        }

        SSLSession session = client.getSession();
        Certificate[] peer = session.getPeerCertificates();
        assertEquals(1, peer.length);
        assertEquals(certificate, peer[0], "the client did not get keytool's certificate");
        assertEquals(suite, server.getSession().getCipherSuite());
        Transfer t = new Transfer();
        t.protocol = session.getProtocol();
        t.suite = session.getCipherSuite();
        t.clientToServer = s.received();
        t.serverToClient = c.received();
        assertArrayEquals(c.sentDigest(), t.clientToServer, "client to server: the digests differ");
        assertArrayEquals(s.sentDigest(), t.serverToClient, "server to client: the digests differ");
        t.loops = loops;
        t.millis = (System.nanoTime() - start) / 1_000_000;
        return t;
    }

    /** One engine with its buffers, its data source and its checker of what the other side sends. */
    private static final class Side {
        private final String name;
        private final SSLEngine engine;
        private final ByteBuffer appOut;
        private final ByteBuffer appIn;
        /** What this side wrapped, not yet unwrapped by the other side (write mode). */
        final ByteBuffer net;
        private final Pattern source;
        private final Pattern expected;
        private final MessageDigest sentDigest;
        private final MessageDigest receivedDigest;
        private final byte[] chunk = new byte[16384];
        private final byte[] want = new byte[16384];
        private final int packetSize;
        private long sent;
        private long received;

        Side(String name, SSLEngine engine, boolean direct, long seed) throws Exception {
            this.name = name;
            this.engine = engine;
            SSLSession session = engine.getSession();
            this.packetSize = session.getPacketBufferSize();
            int app = session.getApplicationBufferSize();
            this.appOut = allocate(app, direct);
            this.appOut.flip(); // empty, read mode
            this.appIn = allocate(app, direct);
            this.net = allocate(4 * packetSize, direct);
            this.source = new Pattern(seed);
            this.expected = new Pattern(3 - seed);
            // SUN's SHA-256 explicitly: the check must not depend on the providers under test.
            this.sentDigest = MessageDigest.getInstance("SHA-256", "SUN");
            this.receivedDigest = MessageDigest.getInstance("SHA-256", "SUN");
        }

        private static ByteBuffer allocate(int size, boolean direct) {
            return direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        }

        /** Wraps what there is (handshake, application data, close_notify) while the network buffer has room. */
        boolean wrap() throws Exception {
            boolean progress = false;
            while (net.remaining() >= packetSize) {
                if (!appOut.hasRemaining() && sent < PER_DIRECTION && !engine.isOutboundDone()) {
                    int n = (int) Math.min(chunk.length, PER_DIRECTION - sent);
                    source.next(chunk, n);
                    sentDigest.update(chunk, 0, n);
                    sent += n;
                    appOut.clear();
                    appOut.put(chunk, 0, n).flip();
                }
                SSLEngineResult r = engine.wrap(appOut, net);
                runTasks();
                if (r.getStatus() != SSLEngineResult.Status.OK && r.getStatus() != SSLEngineResult.Status.CLOSED) {
                    fail(name + " wrap: " + r);
                }
                if (r.bytesProduced() == 0 && r.bytesConsumed() == 0) {
                    break;
                }
                progress = true;
            }
            return progress;
        }

        /** Unwraps every whole record the other side has wrapped, checking the application data. */
        boolean unwrap(ByteBuffer peerNet) throws Exception {
            boolean progress = false;
            peerNet.flip();
            try {
                while (peerNet.hasRemaining() && !engine.isInboundDone()) {
                    SSLEngineResult r = engine.unwrap(peerNet, appIn);
                    runTasks();
                    take();
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        break;
                    }
                    if (r.getStatus() != SSLEngineResult.Status.OK && r.getStatus() != SSLEngineResult.Status.CLOSED) {
                        fail(name + " unwrap: " + r);
                    }
                    if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                        break;
                    }
                    progress = true;
                }
            } finally {
                peerNet.compact();
            }
            return progress;
        }

        private void take() {
            appIn.flip();
            while (appIn.hasRemaining()) {
                int n = Math.min(appIn.remaining(), chunk.length);
                appIn.get(chunk, 0, n);
                expected.next(want, n);
                int at = Arrays.mismatch(chunk, 0, n, want, 0, n);
                if (at >= 0) {
                    fail(name + " received a wrong byte at offset " + (received + at));
                }
                receivedDigest.update(chunk, 0, n);
                received += n;
                if (received > PER_DIRECTION) {
                    fail(name + " received more than was sent");
                }
            }
            appIn.clear();
        }

        private void runTasks() {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
        }

        /** Everything sent and received. */
        boolean finished() {
            return sent == PER_DIRECTION && !appOut.hasRemaining() && received == PER_DIRECTION;
        }

        boolean done() {
            return engine.isOutboundDone() && engine.isInboundDone();
        }

        byte[] sentDigest() {
            return sentDigest.digest();
        }

        byte[] received() {
            assertEquals(PER_DIRECTION, received, name + " received too little");
            return receivedDigest.digest();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s sent %d received %d, %s, outbound done %b, inbound done %b", name,
                    sent, received, engine.getHandshakeStatus(), engine.isOutboundDone(), engine.isInboundDone());
        }
    }

    /** A deterministic stream of bytes from a seed: the data each side sends and the other expects. */
    static final class Pattern {
        private final SplittableRandom random;
        private long word;
        private int left;

        Pattern(long seed) {
            random = new SplittableRandom(seed);
        }

        /** Writes the next {@code n} bytes of the stream into {@code out}. */
        void next(byte[] out, int n) {
            for (int i = 0; i < n; i++) {
                if (left == 0) {
                    word = random.nextLong();
                    left = 8;
                }
                out[i] = (byte) word;
                word >>>= 8;
                left--;
            }
        }
    }
}
