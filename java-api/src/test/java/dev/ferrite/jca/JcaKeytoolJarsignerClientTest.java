package dev.ferrite.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.JcaChildProcess;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.SignedData;
import org.bouncycastle.asn1.pkcs.SignerInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JDK's own {@code keytool} and {@code jarsigner}, unmodified, in child processes of this JDK, with Ferrite
 * loaded the way those tools load a third-party provider: {@code -providerClass dev.ferrite.jca.FerriteProvider
 * -providerPath <Ferrite's classes, the bindings, Bouncy Castle>}, on each backend ({@code -J-Dferrite.backend}).
 *
 * <p>Those tools add such a provider <em>last</em> ({@code Security.addProvider}), after SunEC, so on its own it would
 * never be asked for Ed25519; the JDK's documented way to prefer it for some algorithms is the security property
 * {@code jdk.security.provider.preferred}, given here as {@code Ed25519:Ferrite,EdDSA:Ferrite} in a file passed with
 * {@code -J-Djava.security.properties}. (Without it SunEC generates and signs, and these tests fail.)
 *
 * <p>Which provider did what is read from the JDK's own provider debugging ({@code -J-Djava.security.debug=provider}:
 * lines like {@code KeyPairGenerator.Ed25519 algorithm from: Ferrite} and {@code Signature.Ed25519 signing algorithm
 * from: Ferrite}, printed when the JCA picks the provider of an object at its init), and the backend from Ferrite's
 * own log line ({@code Ferrite: using the native backend}, at DEBUG, enabled with a logging file).
 *
 * <p>What Ferrite does and does not do here:
 * <ul>
 *   <li>keytool {@code -genkeypair -keyalg Ed25519}: Ferrite generates the key pair and signs the self-signed
 *       certificate;
 *   <li>jarsigner {@code -sigalg Ed25519}: Ferrite signs (the PKCS#7 signed attributes);
 *   <li>jarsigner {@code -verify}: Ferrite decodes the keystore's Ed25519 keys and verifies the certificate's
 *       self-signature, but the jar's signature block is verified by SunEC: the JDK verifies signed jars with a fixed
 *       list of its own providers only ({@code sun.security.jca.Providers.jarVerificationProviders}: SUN,
 *       SunRsaSign, SunEC, SunJCE), never a third-party one. So the signature Ferrite made is checked by SunEC there,
 *       and this test also checks it with Ferrite in this JVM (the PKCS#7 signed attributes, parsed with Bouncy
 *       Castle's ASN.1 classes), together with a copy whose signature has one bit flipped.
 * </ul>
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class JcaKeytoolJarsignerClientTest {
    private static final String ALIAS = "signer";
    private static final String PASSWORD = "ferrite-jar";
    private static final Duration LIMIT = Duration.ofMinutes(2);
    /** A provider-debug line saying which provider the JCA picked for an Ed25519 object. */
    private static final Pattern ED25519_PICK = Pattern.compile(
            "(KeyPairGenerator\\.Ed25519 algorithm|Signature\\.Ed25519 signing algorithm|Signature\\.Ed25519"
                    + " verification algorithm) from: (\\S+)");

    @Parameter
    Backend backend;

    @TempDir
    Path dir;


    @Test
    void keytoolGenerates_jarsignerSigns_withFerrite_andTheJarVerifies() throws Exception {
        Path keyStore = keytool();
        Path jar = dir.resolve("app.jar");
        writeJar(jar);
        Path signed = jarsign(keyStore, jar);

        String verified = verify(keyStore, signed).output();
        assertTrue(verified.contains("jar verified."), verified);
        assertTrue(verified.contains("smk ") && verified.contains("data.bin"), "entries not listed as signed and in"
                + " the keystore:\n" + verified);
        // Ferrite verified the certificate's self-signature while the keystore was loaded (the jar's signature
        // block itself goes to the JDK's fixed jar-verification providers: see the class comment).
        List<String> picks = picks(verified);
        assertTrue(picks.contains("Signature.Ed25519 verification algorithm from: Ferrite"), picks.toString());

        // The certificate keytool made: Ed25519, self-signed by Ferrite, valid for SunEC too.
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        X509Certificate certificate = (X509Certificate) ks.getCertificate(ALIAS);
        assertEquals("Ed25519", certificate.getSigAlgName());
        certificate.verify(certificate.getPublicKey(), "SunEC");
        certificate.verify(certificate.getPublicKey(), Jca.ferrite(backend));

        // The signature Ferrite made in jarsigner, checked by Ferrite here; one flipped bit and it fails.
        byte[] signatureFile = entry(signed, "META-INF/SIGNER.SF");
        byte[] block = entry(signed, "META-INF/SIGNER.EC");
        assertTrue(verifiesWithFerrite(certificate, signatureFile, block, -1), "Ferrite refuses jarsigner's signature");
        for (int bit : new int[] {0, 255, 511}) {
            assertFalse(verifiesWithFerrite(certificate, signatureFile, block, bit), "bit " + bit + " flipped");
        }
    }

    @Test
    void jarsignerVerify_failsForAChangedEntry_andPassesForAnUnchangedCopy() throws Exception {
        Path keyStore = keytool();
        Path jar = dir.resolve("app.jar");
        writeJar(jar);
        Path signed = jarsign(keyStore, jar);

        // Control: the same entries rewritten into a new zip (recompressed, same bytes) still verify.
        Path copy = dir.resolve("copy.jar");
        rewrite(signed, copy, null, -1);
        String ok = verify(keyStore, copy).output();
        assertTrue(ok.contains("jar verified."), ok);

        Path tampered = dir.resolve("tampered.jar");
        rewrite(signed, tampered, "data.bin", 40_000);
        JcaChildProcess.Result r = verifyResult(keyStore, tampered);
        assertFalse(r.timedOut(), r.output());
        assertNotEquals(0, r.exitCode(), "a changed entry verified:\n" + r.output());
        assertFalse(r.output().contains("jar verified."), r.output());
        assertTrue(r.output().contains("digest error for data.bin"), r.output());
    }

    @Test
    void jarsignerVerify_failsForAChangedSignature() throws Exception {
        Path keyStore = keytool();
        Path jar = dir.resolve("app.jar");
        writeJar(jar);
        Path signed = jarsign(keyStore, jar);

        // The block ends with the 64-byte signature (no unsigned attributes): flip a bit in its last byte.
        Path tampered = dir.resolve("tampered.jar");
        rewrite(signed, tampered, "META-INF/SIGNER.EC", Integer.MAX_VALUE);
        JcaChildProcess.Result r = verifyResult(keyStore, tampered);
        assertFalse(r.timedOut(), r.output());
        assertNotEquals(0, r.exitCode(), "a changed signature verified:\n" + r.output());
        assertFalse(r.output().contains("jar verified."), r.output());
        assertTrue(r.output().contains("cannot verify signature block file META-INF/SIGNER"), r.output());
    }

    // ---------------------------------------------------------------- the tools

    /** keytool makes an Ed25519 key pair and self-signed certificate; Ferrite must have done both. */
    private Path keytool() throws Exception {
        Path keyStore = dir.resolve("signer.p12");
        String out = JcaChildProcess.runOk(tool("keytool", "-genkeypair", "-keyalg", "Ed25519", "-alias", ALIAS,
                "-dname", "CN=Ferrite jar signer", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD), LIMIT);
        checkBackend(out);
        List<String> picks = picks(out);
        assertTrue(picks.contains("KeyPairGenerator.Ed25519 algorithm from: Ferrite"), picks.toString());
        assertTrue(picks.contains("Signature.Ed25519 signing algorithm from: Ferrite"), picks.toString());
        assertNoSigningBy("SunEC", picks);
        return keyStore;
    }

    /** jarsigner signs {@code jar} with Ed25519; Ferrite must have signed. */
    private Path jarsign(Path keyStore, Path jar) throws Exception {
        Path signed = dir.resolve("signed.jar");
        String out = JcaChildProcess.runOk(tool("jarsigner", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-sigalg", "Ed25519", "-signedjar", signed.toString(), jar.toString(), ALIAS),
                LIMIT);
        assertTrue(out.contains("jar signed."), out);
        checkBackend(out);
        List<String> picks = picks(out);
        assertTrue(picks.contains("Signature.Ed25519 signing algorithm from: Ferrite"), picks.toString());
        assertNoSigningBy("SunEC", picks);
        return signed;
    }

    private JcaChildProcess.Result verify(Path keyStore, Path jar) throws Exception {
        JcaChildProcess.Result r = verifyResult(keyStore, jar);
        assertFalse(r.timedOut(), r.output());
        assertEquals(0, r.exitCode(), "jarsigner -verify -strict failed:\n" + r.output());
        checkBackend(r.output());
        return r;
    }

    /** {@code jarsigner -verify -verbose -strict}, with the keystore so the signer is known (not just self-signed). */
    private JcaChildProcess.Result verifyResult(Path keyStore, Path jar) throws Exception {
        return JcaChildProcess.run(tool("jarsigner", "-verify", "-verbose", "-strict", "-keystore",
                keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, jar.toString(), ALIAS), LIMIT);
    }

    /** A JDK tool of this JVM's JDK with Ferrite loaded and preferred for Ed25519, on this test's backend. */
    private List<String> tool(String name, String... arguments) throws Exception {
        Path security = dir.resolve("preferred.security");
        Files.writeString(security, "jdk.security.provider.preferred=Ed25519:Ferrite,EdDSA:Ferrite\n");
        Path logging = dir.resolve("logging.properties");
        Files.writeString(logging, "handlers=java.util.logging.ConsoleHandler\n"
                + "java.util.logging.ConsoleHandler.level=ALL\n" + ".level=INFO\n" + "dev.ferrite.level=ALL\n");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", name).toString());
        command.add("-J--enable-native-access=ALL-UNNAMED");
        command.add("-J-Dferrite.backend=" + (backend == Backend.NATIVE ? "native" : "java"));
        command.add("-J-Djava.security.properties=" + security);
        command.add("-J-Djava.security.debug=provider");
        command.add("-J-Djava.util.logging.config.file=" + logging);
        if (name.equals("jarsigner") && Runtime.version().feature() < 19) {
            // jarsigner has -providerPath from JDK 19 on; before, the provider goes on the tool's class path.
            command.add("-J-cp");
            command.add("-J" + providerPath());
        } else {
            command.add("-providerPath");
            command.add(providerPath());
        }
        command.add("-providerClass");
        command.add(FerriteProvider.class.getName());
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * Ferrite's classes, the bindings (and the native library in them) and Bouncy Castle (the Java backend's
     * Ed25519): where this JVM loaded them from.
     */
    static String providerPath() throws Exception {
        Set<String> path = new LinkedHashSet<>();
        path.add(Path.of(FerriteProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("bindings")) {
                path.add(entry);
            }
        }
        assertEquals(2, path.size(), "no bindings on the class path: " + System.getProperty("java.class.path"));
        path.add(Path.of(BouncyCastleProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString());
        return String.join(File.pathSeparator, path);
    }

    /** Ferrite's log line names the backend the child's provider runs on. */
    private void checkBackend(String output) {
        String expected = backend == Backend.NATIVE ? "Ferrite: using the native backend"
                : "Ferrite: using the pure-Java backend";
        assertTrue(output.contains(expected), "no '" + expected + "' in:\n" + output);
    }

    /** The provider-debug lines about Ed25519 objects, in order. */
    private static List<String> picks(String output) {
        List<String> picks = new ArrayList<>();
        Matcher m = ED25519_PICK.matcher(output);
        while (m.find()) {
            picks.add(m.group(1) + " from: " + m.group(2));
        }
        return picks;
    }

    private static void assertNoSigningBy(String provider, List<String> picks) {
        List<String> by = picks.stream().filter(p -> !p.contains("verification") && p.endsWith(": " + provider))
                .collect(Collectors.toList());
        assertTrue(by.isEmpty(), provider + " did: " + by);
    }

    // ---------------------------------------------------------------- jars

    /** A small jar: a manifest, a text entry, and 64 KiB of pseudo-random data in a directory. */
    private static void writeJar(Path jar) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Created-By", "Ferrite JcaKeytoolJarsignerClientTest");
        byte[] data = new byte[65536];
        SplittableRandom random = new SplittableRandom(25519);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) random.nextInt(256);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new ZipEntry("hello.txt"));
            out.write("Hello from a jar signed with Ferrite's Ed25519.\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("dir/"));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("data.bin"));
            out.write(data);
            out.closeEntry();
        }
    }

    /**
     * Copies every entry of {@code from} into a new zip {@code to}, in order and with the same contents, except that
     * in entry {@code changed} (if not null) the byte at {@code offset} (the last byte when past the end) gets its
     * lowest bit flipped. A well-formed zip either way: only the signature can notice.
     */
    private static void rewrite(Path from, Path to, String changed, int offset) throws Exception {
        boolean done = changed == null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
                OutputStream file = Files.newOutputStream(to);
                ZipOutputStream out = new ZipOutputStream(file)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals(changed)) {
                    content[Math.min(offset, content.length - 1)] ^= 1;
                    done = true;
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                if (e.getMethod() == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(content);
                    copy.setMethod(ZipEntry.STORED);
                    copy.setSize(content.length);
                    copy.setCompressedSize(content.length);
                    copy.setCrc(crc.getValue());
                }
                out.putNextEntry(copy);
                out.write(content);
                out.closeEntry();
            }
        }
        assertTrue(done, "no entry " + changed + " in " + from);
    }

    private static byte[] entry(Path jar, String name) throws Exception {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no " + name + " in " + jar);
    }

    /**
     * Verifies the jar's PKCS#7 signature block over its signature file with Ferrite, as CMS defines it with signed
     * attributes: the messageDigest attribute is SHA-512 of the signature file (SUN's digest) and the Ed25519
     * signature covers the DER encoding of the attributes. {@code flipBit} (0 to 511, or -1 for none) flips one bit of
     * the signature first.
     */
    private boolean verifiesWithFerrite(X509Certificate certificate, byte[] signatureFile, byte[] block, int flipBit)
            throws Exception {
        SignedData signedData = SignedData.getInstance(ContentInfo.getInstance(ASN1Primitive.fromByteArray(block))
                .getContent());
        assertEquals(1, signedData.getSignerInfos().size());
        SignerInfo signer = SignerInfo.getInstance(signedData.getSignerInfos().getObjectAt(0));
        assertEquals("1.3.101.112", signer.getDigestEncryptionAlgorithm().getAlgorithm().getId());
        assertEquals("2.16.840.1.101.3.4.2.3", signer.getDigestAlgorithm().getAlgorithm().getId());
        assertNotNull(signer.getAuthenticatedAttributes(), "no signed attributes");
        byte[] messageDigest = null;
        for (int i = 0; i < signer.getAuthenticatedAttributes().size(); i++) {
            Attribute a = Attribute.getInstance(signer.getAuthenticatedAttributes().getObjectAt(i));
            if (a.getAttrType().equals(PKCSObjectIdentifiers.pkcs_9_at_messageDigest)) {
                messageDigest = ASN1OctetString.getInstance(a.getAttrValues().getObjectAt(0)).getOctets();
            }
        }
        assertArrayEquals(MessageDigest.getInstance("SHA-512", "SUN").digest(signatureFile), messageDigest);
        byte[] signature = signer.getEncryptedDigest().getOctets();
        assertEquals(64, signature.length);
        if (flipBit >= 0) {
            signature[flipBit / 8] ^= (byte) (1 << (flipBit % 8));
        }
        Signature verifier = Signature.getInstance("Ed25519", Jca.ferrite(backend));
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(signer.getAuthenticatedAttributes().getEncoded(ASN1Encoding.DER));
        return verifier.verify(signature);
    }
}
