package dev.ferrite.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.aead.AesGcmKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How the provider is found and installed: {@code install()}, {@code Security.getProvider}, ServiceLoader discovery
 * through META-INF/services, {@code java.security} in a child JVM (with and without an argument), {@code configure},
 * the default-on table, names and aliases against the JDK's own, the KDF's JDK 25 condition, and the pure-Java
 * backend installed first (its kernels must not call back into the provider).
 */
class FerriteProviderRegistrationTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private static Set<String> services(Provider provider) {
        Set<String> names = new HashSet<>();
        for (Provider.Service s : provider.getServices()) {
            names.add(s.getType() + "." + s.getAlgorithm());
        }
        return names;
    }

    @Test
    void nameVersionAndInfo() {
        FerriteProvider p = new FerriteProvider(Backend.JAVA);
        assertEquals("Ferrite", p.getName());
        assertEquals("0.1", p.getVersionStr());
        assertTrue(p.getInfo().startsWith("Ferrite 0.1 (java backend): "), p.getInfo());
        assertEquals(Backend.JAVA, p.backend());
        assertFalse(p.allServices());
        assertTrue(p.isConfigured());
    }

    @Test
    void install_insertsFirst_once_andSecurityFindsIt() {
        assertNull(Security.getProvider("Ferrite"), "no test may leave Ferrite installed");
        try {
            assertEquals(1, FerriteProvider.install());
            Provider installed = Security.getProvider("Ferrite");
            assertInstanceOf(FerriteProvider.class, installed);
            assertSame(installed, Security.getProviders()[0]);
            assertEquals(1, FerriteProvider.install(), "already installed: its position");
            assertSame(installed, Security.getProvider("Ferrite"));
            Security.removeProvider("Ferrite");
            Security.addProvider(new FerriteProvider(Backend.JAVA));
            int last = Security.getProviders().length;
            assertEquals(last, FerriteProvider.install(), "installed elsewhere: left where it is");
        } finally {
            Security.removeProvider("Ferrite");
        }
    }

    @Test
    void serviceLoader_findsTheProvider_throughMetaInfServices() {
        List<Provider> found = new ArrayList<>();
        for (ServiceLoader.Provider<Provider> candidate : ServiceLoader.load(Provider.class).stream().toList()) {
            if (candidate.type() == FerriteProvider.class) {
                found.add(candidate.get());
            }
        }
        assertEquals(1, found.size());
        assertEquals("Ferrite", found.get(0).getName());
    }

    @Tag("native") // includes backend=native
    @Test
    void configure_options() {
        FerriteProvider base = new FerriteProvider(Backend.JAVA);
        FerriteProvider all = (FerriteProvider) base.configure("all");
        assertTrue(all.allServices());
        assertEquals(Backend.JAVA, all.backend());
        assertFalse(base.allServices(), "configure returns a new provider");
        FerriteProvider nativeAll = (FerriteProvider) base.configure(" backend=native, all ");
        assertEquals(Backend.NATIVE, nativeAll.backend());
        assertTrue(nativeAll.allServices());
        assertFalse(((FerriteProvider) nativeAll.configure("default")).allServices());
        assertEquals(dev.ferrite.Ferrite.backend(), ((FerriteProvider) base.configure("backend=auto")).backend());
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> base.configure("everything"));
        assertTrue(e.getMessage().contains("'everything'"), e.getMessage());
        assertThrows(NullPointerException.class, () -> base.configure(null));
    }

    @Tag("native") // checks the table for both backends
    @Test
    void defaultServices_followTheTable_andAllAddsTheRest() {
        boolean kdf = FerriteProvider.kdfAvailable();
        Set<String> ed25519 = Set.of("Signature.Ed25519", "Signature.EdDSA", "KeyFactory.Ed25519", "KeyFactory.EdDSA",
                "KeyPairGenerator.Ed25519", "KeyPairGenerator.EdDSA");
        Set<String> gcm = Set.of("Cipher.AES/GCM/NoPadding", "Cipher.AES_128/GCM/NoPadding",
                "Cipher.AES_192/GCM/NoPadding", "Cipher.AES_256/GCM/NoPadding");
        Set<String> sha = Set.of("MessageDigest.SHA-256");
        Set<String> argon2 = kdf ? Set.of("KDF.Argon2id", "KDF.Argon2i", "KDF.Argon2d") : Set.of();
        Set<String> x25519 = Set.of("KeyAgreement.X25519", "KeyAgreement.XDH");
        Set<String> hkdf = kdf ? Set.of("KDF.HKDF-SHA256") : Set.of();

        assertEquals(union(ed25519, gcm, argon2, x25519, hkdf), services(new FerriteProvider(Backend.NATIVE)),
                "native, default");
        assertEquals(union(ed25519, argon2, x25519, hkdf), services(new FerriteProvider(Backend.JAVA)),
                "java, default");
        for (Backend backend : Backend.values()) {
            assertEquals(union(ed25519, gcm, sha, argon2, x25519, hkdf), services(new FerriteProvider(backend, true)),
                    backend + ", all");
        }
        // Off by default means absent: the JCA falls through to the JDK.
        FerriteProvider java = new FerriteProvider(Backend.JAVA);
        assertThrows(java.security.NoSuchAlgorithmException.class, () -> MessageDigest.getInstance("SHA-256", java));
        assertThrows(java.security.NoSuchAlgorithmException.class,
                () -> Cipher.getInstance("AES/GCM/NoPadding", java));
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return all;
    }

    @Test
    void kdf_onlyOnJdk25AndLater() {
        FerriteProvider all = new FerriteProvider(Backend.JAVA, true);
        boolean any = all.getServices().stream().anyMatch(s -> s.getType().equals("KDF"));
        if (Runtime.version().feature() < 25) {
            assertFalse(any, "no KDF service below JDK 25");
            assertFalse(FerriteProvider.kdfAvailable());
        } else {
            assertEquals(FerriteProvider.kdfAvailable(), any);
        }
    }

    /** Every alias the JDK's provider registers for a service Ferrite also offers, Ferrite registers too. */
    @Tag("native") // registers every service of the native-backend provider
    @Test
    void namesAndAliases_matchTheJdksProviders() {
        FerriteProvider ferrite = new FerriteProvider(Backend.NATIVE, true);
        Map<String, String> problems = new TreeMap<>();
        for (Provider.Service mine : ferrite.getServices()) {
            for (String jdkName : List.of("SunEC", "SunJCE", "SUN")) {
                Provider.Service jdk = Jca.jdk(jdkName).getService(mine.getType(), mine.getAlgorithm());
                if (jdk == null || !jdk.getAlgorithm().equals(mine.getAlgorithm())) {
                    continue;
                }
                Set<String> jdkAliases = aliases(jdk);
                Set<String> myAliases = aliases(mine);
                if (!jdkAliases.equals(myAliases)) {
                    problems.put(mine.getType() + "." + mine.getAlgorithm(), "JDK " + jdkAliases + ", Ferrite "
                            + myAliases);
                }
                for (String alias : jdkAliases) {
                    Provider.Service viaAlias = ferrite.getService(mine.getType(), alias);
                    if (viaAlias == null || !viaAlias.getAlgorithm().equals(mine.getAlgorithm())) {
                        problems.put(mine.getType() + "." + alias, "not found by alias");
                    }
                }
                if (mine.getType().equals("Cipher")) {
                    for (String attribute : List.of("SupportedKeyFormats", "SupportedModes")) {
                        if (!String.valueOf(jdk.getAttribute(attribute)).equals(mine.getAttribute(attribute))) {
                            problems.put(mine.getType() + "." + mine.getAlgorithm() + " " + attribute,
                                    jdk.getAttribute(attribute) + " vs " + mine.getAttribute(attribute));
                        }
                    }
                }
            }
        }
        assertEquals(Map.of(), problems);
        // Spot checks of the ones the README lists.
        assertNotNull(ferrite.getService("Signature", "OID.1.3.101.112"));
        assertNotNull(ferrite.getService("KeyFactory", "1.3.101.112"));
        assertNotNull(ferrite.getService("Cipher", "2.16.840.1.101.3.4.1.46"));
        assertNotNull(ferrite.getService("MessageDigest", "SHA256"));
    }

    /** The aliases of a JDK service, read back through the legacy "Alg.Alias" properties both kinds register. */
    private static Set<String> aliases(Provider.Service service) {
        Set<String> aliases = new HashSet<>();
        Provider p = service.getProvider();
        String prefix = "Alg.Alias." + service.getType() + ".";
        for (Map.Entry<Object, Object> e : p.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.startsWith(prefix) && service.getAlgorithm().equalsIgnoreCase(String.valueOf(e.getValue()))) {
                aliases.add(key.substring(prefix.length()));
            }
        }
        return aliases;
    }

    /**
     * With the pure-Java backend installed first and every service on, Ferrite's Java AES-GCM and SHA-256 kernels
     * (built on the JDK's Cipher and MessageDigest, asked for from SunJCE and SUN by name) still get the JDK's, not
     * Ferrite's own services: no endless recursion. On a new thread, so the kernels look their JDK objects up while Ferrite is installed.
     */
    @Test
    void javaBackendInstalledFirst_itsKernelsStillUseTheJdk() throws Exception {
        assertNull(Security.getProvider("Ferrite"));
        Security.insertProviderAt(new FerriteProvider(Backend.JAVA, true), 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            Thread thread = new Thread(() -> {
                try {
                    byte[] key = new byte[16];
                    byte[] nonce = new byte[12];
                    byte[] plaintext = "no recursion".getBytes(StandardCharsets.UTF_8);
                    Cipher jca = Cipher.getInstance("AES/GCM/NoPadding");
                    jca.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
                    byte[] viaProvider = jca.doFinal(plaintext);
                    assertEquals("Ferrite", jca.getProvider().getName());
                    try (AesGcmKey direct = Crypto.aesGcm(Backend.JAVA).key(key)) {
                        assertArrayEquals(viaProvider, direct.encrypt(nonce, plaintext, null));
                    }
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    assertEquals("Ferrite", md.getProvider().getName());
                    assertArrayEquals(Crypto.sha256(Backend.JAVA).digest(plaintext), md.digest(plaintext));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "ferrite-jca-java-backend");
            thread.start();
            thread.join(TimeUnit.MINUTES.toMillis(2));
            assertFalse(thread.isAlive(), "did not finish");
        } finally {
            Security.removeProvider("Ferrite");
        }
        if (failure.get() != null) {
            throw new AssertionError("the Java backend installed first failed", failure.get());
        }
    }

    @Test
    void javaSecurityFile_listsFerriteFirst_withAndWithoutAnArgument() throws Exception {
        for (String entry : List.of("Ferrite", "Ferrite all", "dev.ferrite.jca.FerriteProvider all")) {
            Path file = Files.createTempFile("ferrite-jca-", ".security");
            try {
                StringBuilder properties = new StringBuilder("security.provider.1=" + entry + "\n");
                Provider[] jdk = Security.getProviders();
                int n = 2;
                for (Provider p : jdk) {
                    if (!p.getName().equals("Ferrite")) {
                        properties.append("security.provider.").append(n++).append('=').append(p.getName())
                                .append('\n');
                    }
                }
                Files.writeString(file, properties.toString());
                String output = runChild(List.of(JAVA, "--enable-native-access=ALL-UNNAMED",
                        "-Djava.security.properties=" + file, "-cp", System.getProperty("java.class.path"),
                        JcaInstallProbe.class.getName()));
                assertTrue(output.contains("first=Ferrite dev.ferrite.jca.FerriteProvider"), output);
                assertTrue(output.contains("Signature=Ferrite"), output);
                boolean all = entry.endsWith(" all");
                assertTrue(output.contains("MessageDigest=" + (all ? "Ferrite" : "SUN")), entry + ":\n" + output);
                boolean gcm = all || dev.ferrite.Ferrite.backend() == Backend.NATIVE;
                assertTrue(output.contains("Cipher=" + (gcm ? "Ferrite" : "SunJCE")), entry + ":\n" + output);
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Runs a child JVM with output to a file (no pipe to block on) and a time limit; returns its output. */
    private static String runChild(List<String> command) throws Exception {
        Path log = Files.createTempFile("ferrite-jca-child-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            boolean finished = process.waitFor(2, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(finished, "child JVM killed after 2 minutes: " + output);
            assertEquals(0, process.exitValue(), output);
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
