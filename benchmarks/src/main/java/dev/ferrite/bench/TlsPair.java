package dev.ferrite.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Two {@link SSLEngine}s (client and server) of the JDK's TLS (SunJSSE) talking through in-memory buffers, no
 * sockets: TLS 1.3 with one cipher suite, a self-signed EC P-256 certificate made at set-up (Bouncy Castle's ASN.1
 * classes from bcprov build the to-be-signed part, the JDK signs it; bcpkix is not needed). The handshake runs in
 * the constructor; {@link #send} then moves application data from the client to the server as TLS records. The
 * engines look their ciphers up through the installed providers at handshake time, so a provider installed first
 * before the pair is made (as {@link JcaTlsBench} does) is the one that encrypts and decrypts the records.
 */
final class TlsPair {
    private static final char[] PASSWORD = "bench".toCharArray();

    final SSLEngine client;
    final SSLEngine server;
    private final ByteBuffer clientNet;
    private final ByteBuffer serverNet;
    private final ByteBuffer clientApp;
    private final ByteBuffer serverApp;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    TlsPair(String cipherSuite) throws GeneralSecurityException, IOException {
        SSLContext context = context();
        client = context.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        server = context.createSSLEngine("localhost", 443);
        server.setUseClientMode(false);
        for (SSLEngine engine : new SSLEngine[] {client, server}) {
            engine.setEnabledProtocols(new String[] {"TLSv1.3"});
            engine.setEnabledCipherSuites(new String[] {cipherSuite});
        }
        int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        int app = Math.max(client.getSession().getApplicationBufferSize(),
                server.getSession().getApplicationBufferSize());
        clientNet = ByteBuffer.allocate(packet);
        serverNet = ByteBuffer.allocate(packet);
        clientApp = ByteBuffer.allocate(app);
        serverApp = ByteBuffer.allocate(app);
        client.beginHandshake();
        server.beginHandshake();
        handshake();
        String negotiated = client.getSession().getCipherSuite();
        if (!negotiated.equals(cipherSuite) || !client.getSession().getProtocol().equals("TLSv1.3")) {
            throw new IllegalStateException("negotiated " + client.getSession().getProtocol() + " " + negotiated
                    + ", not TLSv1.3 " + cipherSuite);
        }
    }

    /**
     * Moves handshake messages between the engines until neither has anything left to send (the handshake, the
     * server's post-handshake NewSessionTicket, or a KeyUpdate).
     */
    private void handshake() throws SSLException {
        int quietRounds = 0;
        for (int round = 0; round < 200 && quietRounds < 3; round++) {
            boolean moved = step(client, clientNet, serverNet, clientApp);
            moved |= step(server, serverNet, clientNet, serverApp);
            boolean done = client.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                    && server.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                    && clientNet.position() == 0 && serverNet.position() == 0;
            quietRounds = done && !moved ? quietRounds + 1 : 0;
        }
        if (quietRounds < 3) {
            throw new IllegalStateException("the TLS handshake did not finish: client " + client.getHandshakeStatus()
                    + ", server " + server.getHandshakeStatus());
        }
    }

    /**
     * One handshake step for {@code engine}: wraps what it has to send into {@code out}, unwraps what the peer left in
     * {@code in}, runs delegated tasks. Returns whether anything was produced or consumed.
     */
    private static boolean step(SSLEngine engine, ByteBuffer out, ByteBuffer in, ByteBuffer app) throws SSLException {
        boolean moved = false;
        SSLEngineResult r = engine.wrap(EMPTY, out);
        moved |= r.bytesProduced() > 0;
        runTasks(engine);
        in.flip();
        try {
            while (in.hasRemaining()) {
                r = engine.unwrap(in, app);
                runTasks(engine);
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                    break;
                }
                moved = true;
                app.clear();
            }
        } finally {
            in.compact();
        }
        return moved;
    }

    private static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /**
     * Sends {@code data}'s remaining bytes (at most one record's worth) from the client to the server: one
     * {@code wrap} and one {@code unwrap}. Returns the server's buffer holding the plaintext (position 0, limit the
     * length); {@code data}'s position is left where it was.
     */
    ByteBuffer send(ByteBuffer data) throws SSLException {
        int start = data.position();
        int length = data.remaining();
        clientNet.clear();
        SSLEngineResult wrapped = client.wrap(data, clientNet);
        data.position(start);
        if (wrapped.getStatus() != Status.OK || wrapped.bytesConsumed() != length) {
            throw new IllegalStateException("one wrap took " + wrapped.bytesConsumed() + " of " + length
                    + " bytes (more than one record's worth?): " + wrapped);
        }
        clientNet.flip();
        serverApp.clear();
        SSLEngineResult unwrapped = server.unwrap(clientNet, serverApp);
        if (unwrapped.getStatus() != Status.OK || unwrapped.bytesProduced() != length
                || clientNet.hasRemaining()) {
            throw new IllegalStateException("unwrap: " + unwrapped);
        }
        if (wrapped.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING
                || unwrapped.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
            // A key update (after many records) or anything else post-handshake: let the engines finish it.
            clientNet.clear();
            handshake();
        }
        serverApp.flip();
        return serverApp;
    }

    private static SSLContext context() throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        X509Certificate certificate = selfSigned(pair);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", pair.getPrivate(), PASSWORD, new Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", certificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);

        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    /** A self-signed X.509 v3 certificate for CN=localhost, valid from an hour ago for a day, SHA256withECDSA. */
    static X509Certificate selfSigned(KeyPair pair) throws GeneralSecurityException, IOException {
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        X500Name name = new X500Name("CN=localhost");
        long now = System.currentTimeMillis();
        V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
        generator.setSerialNumber(new ASN1Integer(BigInteger.valueOf(now)));
        generator.setSignature(algorithm);
        generator.setIssuer(name);
        generator.setSubject(name);
        generator.setStartDate(new Time(new Date(now - 3_600_000L)));
        generator.setEndDate(new Time(new Date(now + 86_400_000L)));
        generator.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
        TBSCertificate toBeSigned = generator.generateTBSCertificate();

        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(toBeSigned.getEncoded(ASN1Encoding.DER));
        ASN1EncodableVector certificate = new ASN1EncodableVector();
        certificate.add(toBeSigned);
        certificate.add(algorithm);
        certificate.add(new DERBitString(signer.sign()));
        byte[] der = new DERSequence(certificate).getEncoded(ASN1Encoding.DER);
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }
}
