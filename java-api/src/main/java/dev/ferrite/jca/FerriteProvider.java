package dev.ferrite.jca;

import dev.ferrite.Backend;
import dev.ferrite.Ferrite;
import dev.ferrite.argon2.Argon2Type;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.security.InvalidParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Ferrite as a Java Cryptography Architecture provider named {@value #NAME}: standard JCA code
 * ({@code Signature.getInstance("Ed25519")}, {@code Cipher.getInstance("AES/GCM/NoPadding")}, ...) runs on Ferrite's
 * kernels without changes. The services are thin adapters over Ferrite's public API ({@link dev.ferrite.Crypto});
 * they hold the JCA's state rules, never a cryptographic primitive of their own.
 *
 * <h2>Installing</h2>
 * <ul>
 *   <li>in code: {@link #install()} (inserts a default provider at position 1 unless one named {@value #NAME} is
 *       already installed), or {@code Security.insertProviderAt(new FerriteProvider(), 1)}, or pass an instance to
 *       {@code getInstance(algorithm, provider)} without installing it at all;
 *   <li>in {@code java.security} (or a file given with {@code -Djava.security.properties=...}):
 *       {@code security.provider.1=Ferrite}, renumbering the others; the JDK finds the class through
 *       {@code META-INF/services/java.security.Provider} in Ferrite's jar. An argument after the name is passed to
 *       {@link #configure(String)}: {@code security.provider.1=Ferrite all}.
 * </ul>
 *
 * <h2>Services</h2>
 * Standard names and aliases, as the JDK's providers register them (SunEC, SunJCE, SUN on JDK 25):
 * <table>
 *   <caption>Services, and whether they are registered by default</caption>
 *   <tr><th>type</th><th>algorithm</th><th>aliases</th><th>default</th></tr>
 *   <tr><td>Signature, KeyFactory, KeyPairGenerator</td><td>Ed25519</td><td>OID.1.3.101.112, 1.3.101.112</td>
 *       <td>on</td></tr>
 *   <tr><td>Signature, KeyFactory, KeyPairGenerator</td><td>EdDSA (Ed25519 only)</td><td></td><td>on</td></tr>
 *   <tr><td>Cipher</td><td>AES/GCM/NoPadding</td><td></td><td>on with the native backend</td></tr>
 *   <tr><td>Cipher</td><td>AES_128/GCM/NoPadding, AES_192/GCM/NoPadding, AES_256/GCM/NoPadding (one key size
 *       each)</td><td>OID.2.16.840.1.101.3.4.1.6 and 2.16.840.1.101.3.4.1.6, ….1.26, ….1.46</td>
 *       <td>on with the native backend</td></tr>
 *   <tr><td>MessageDigest</td><td>SHA-256</td><td>SHA256, OID.2.16.840.1.101.3.4.2.1, 2.16.840.1.101.3.4.2.1</td>
 *       <td>off</td></tr>
 *   <tr><td>KDF (JDK 25 and later)</td><td>Argon2id, Argon2i, Argon2d</td><td></td><td>on</td></tr>
 *   <tr><td>KeyAgreement</td><td>X25519, XDH (X25519 keys only)</td><td>OID.1.3.101.110, 1.3.101.110 (X25519)</td>
 *       <td>on</td></tr>
 *   <tr><td>KDF (JDK 25 and later)</td><td>HKDF-SHA256</td><td></td><td>on</td></tr>
 * </table>
 *
 * <h2>Which services are on by default</h2>
 * A service is registered by default only where Ferrite is at least level with the JDK's own provider on the running
 * JVM and backend, so installing Ferrite first never makes an application slower; the table is in one place in this
 * class ({@code DEFAULT_ON}). The others are registered when asked for, in exactly one way: the <b>{@code all}</b>
 * option, given as {@link #FerriteProvider(Backend, boolean) new FerriteProvider(backend, true)}, as
 * {@code configure("all")}, or in {@code java.security} as {@code security.provider.1=Ferrite all}. The KDF services
 * exist only on JDK 25 and later (the {@code javax.crypto.KDF} API is new in 25) and need Ferrite's JDK 25 classes
 * in the jar.
 *
 * <h2>Configuration argument</h2>
 * {@link #configure(String)} takes space- or comma-separated options: {@code all} (every service),
 * {@code default} (the default set), and {@code backend=native}, {@code backend=java} or {@code backend=auto}
 * (the active one, {@link Ferrite#backend()}). It returns a new provider; this one is not changed.
 *
 * <h2>Behaviour</h2>
 * The services follow the JDK's providers wherever those define a behaviour (exceptions and their types, state rules,
 * output sizes, refusal to encrypt twice under the same key and IV); the differences are stated on each service and
 * in the README ("Use Ferrite as a JCA provider"): AES-GCM takes only 12-byte IVs and 128-bit tags (other sizes are
 * refused with {@code InvalidAlgorithmParameterException}; with {@code Cipher.getInstance} without a provider the JCA
 * then moves to the next provider) and buffers encryption until {@code doFinal}; Ed25519 verification follows
 * Ferrite's strict rule ({@link dev.ferrite.ed25519.Ed25519}) and returns {@code false} for every invalid signature
 * of the right length.
 *
 * <p>Works on JDK 17 and later with the pure-Java backend, and with the native one where Ferrite's native library
 * loads. Thread-safe, like every {@link Provider}; the objects its services create ({@code Signature},
 * {@code Cipher}, ...) are not, as the JCA specifies: use one per thread.
 */
public final class FerriteProvider extends Provider {
    private static final long serialVersionUID = 1L;

    /** The provider's name: {@value}. */
    public static final String NAME = "Ferrite";

    /** The provider's version string: {@value}. */
    public static final String VERSION = "0.1";

    /** Class name of the JDK 25 KDF service, loaded by name so that nothing in these classes links to it. */
    static final String ARGON2_KDF_CLASS = "dev.ferrite.jca.Argon2Kdf";

    /** Class name of the JDK 25 HKDF service, loaded by name like {@link #ARGON2_KDF_CLASS}. */
    static final String HKDF_KDF_CLASS = "dev.ferrite.jca.HkdfKdf";

    /** The groups of services that are switched on and off together. */
    enum Family {
        /** Signature, KeyFactory and KeyPairGenerator for Ed25519 and EdDSA. */
        ED25519,
        /** Cipher AES/GCM/NoPadding and the key-size-specific names. */
        AES_GCM,
        /** MessageDigest SHA-256. */
        SHA256,
        /** KDF Argon2id, Argon2i and Argon2d (JDK 25 and later). */
        ARGON2,
        /** KeyAgreement X25519 and XDH (X25519 keys). */
        X25519,
        /** KDF HKDF-SHA256 (JDK 25 and later). */
        HKDF
    }

    /**
     * THE DEFAULT-ON TABLE: for each family, the backends with which it is registered without the {@code all} option.
     * Rule: on only where Ferrite is at least level with the JDK's own provider on that backend. JDK time / Ferrite
     * time through the JCA, JMH (benchmarks/RESULTS.md, "JCA provider"):
     * <ul>
     *   <li>Ed25519: native sign 75×, verify 16× SunEC; the Bouncy Castle fallback sign 20×, verify 8× (also on 17);
     *   <li>AES-GCM: native 1.5× SunJCE at 64 B, level to ahead up to 1 MiB; the fallback is SunJCE behind a second
     *       {@code Cipher} layer (0.5–1.05×), so native only;
     *   <li>SHA-256: off: native 0.83× SUN at 64 B (SUN uses the SHA instructions), the fallback is SUN plus a copy;
     *   <li>Argon2: the JDK has none (registered on JDK 25 and later only);
     *   <li>X25519: Ferrite's own API 6.7× (native) and 1.8× (Bouncy Castle fallback) the JDK's XDH for an agreement
     *       (benchmarks/RESULTS.md, "X25519, HKDF and HPKE"); through this service (4.9× and 1.4×) each new private key costs
     *       one public-key computation (its {@code init}), so on for both.
     *   <li>HKDF-SHA256 (JDK 25+): one {@code KDF}, and per derivation an {@code HKDFParameterSpec} and
     *       {@code deriveData}, 32 bytes out: native 1.92× and the fallback (the JDK's {@code HmacSHA256}) 1.41×
     *       SunJCE's HKDF-SHA256 (medians 0.77, 1.06 and 1.49 µs), so on for both.
     * </ul>
     */
    private static final Map<Family, Set<Backend>> DEFAULT_ON;

    static {
        Map<Family, Set<Backend>> table = new EnumMap<>(Family.class);
        table.put(Family.ED25519, EnumSet.of(Backend.NATIVE, Backend.JAVA));
        table.put(Family.AES_GCM, EnumSet.of(Backend.NATIVE));
        table.put(Family.SHA256, EnumSet.noneOf(Backend.class));
        table.put(Family.ARGON2, EnumSet.of(Backend.NATIVE, Backend.JAVA));
        table.put(Family.X25519, EnumSet.of(Backend.NATIVE, Backend.JAVA));
        table.put(Family.HKDF, EnumSet.of(Backend.NATIVE, Backend.JAVA));
        DEFAULT_ON = Collections.unmodifiableMap(table);
    }

    private final transient Backend backend;
    private final transient boolean allServices;
    private final transient Set<Family> families;

    /**
     * The provider on the active backend ({@link Ferrite#backend()}) with the default services. This is the
     * constructor the JDK calls when the provider is listed in {@code java.security}.
     *
     * @throws IllegalStateException when Ferrite has no usable backend ({@code -Dferrite.backend=native} and the
     *     native library did not load, or a bad {@code ferrite.backend} value)
     */
    public FerriteProvider() {
        this(Ferrite.backend(), false);
    }

    /**
     * The provider on a given backend with the default services for that backend.
     *
     * @param backend the backend every service of this provider runs on
     * @throws NullPointerException if {@code backend} is null
     * @throws IllegalStateException if {@code backend} is not available ({@link Ferrite#isAvailable(Backend)})
     */
    public FerriteProvider(Backend backend) {
        this(backend, false);
    }

    /**
     * The provider on a given backend, with the default services or all of them.
     *
     * @param backend the backend every service of this provider runs on
     * @param allServices true to register every service, including those off by default
     * @throws NullPointerException if {@code backend} is null
     * @throws IllegalStateException if {@code backend} is not available ({@link Ferrite#isAvailable(Backend)})
     */
    public FerriteProvider(Backend backend, boolean allServices) {
        super(NAME, VERSION, info(Objects.requireNonNull(backend, "backend"), enabledFamilies(backend, allServices)));
        if (!Ferrite.isAvailable(backend)) {
            throw new IllegalStateException("the " + backend + " backend is not available: "
                    + Ferrite.nativeLoadError().map(Throwable::getMessage).orElse("unknown reason"));
        }
        this.backend = backend;
        this.allServices = allServices;
        this.families = Collections.unmodifiableSet(enabledFamilies(backend, allServices));
        registerServices();
    }

    /**
     * Installs a default provider ({@link #FerriteProvider()}) at position 1, the most preferred, unless a provider
     * named {@value #NAME} is installed already.
     *
     * @return the 1-based position of the provider named {@value #NAME}: 1 after a fresh install, its position when
     *     it was already installed
     * @throws IllegalStateException when Ferrite has no usable backend (see {@link #FerriteProvider()})
     */
    public static synchronized int install() {
        int position = position();
        if (position > 0) {
            return position;
        }
        int inserted = Security.insertProviderAt(new FerriteProvider(), 1);
        return inserted > 0 ? inserted : position();
    }

    /** The 1-based position of the installed provider named Ferrite, or -1. */
    private static int position() {
        Provider[] installed = Security.getProviders();
        for (int i = 0; i < installed.length; i++) {
            if (NAME.equals(installed[i].getName())) {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * A provider configured by {@code configArg}: space- or comma-separated options {@code all}, {@code default},
     * {@code backend=native}, {@code backend=java}, {@code backend=auto} (later options win). This provider is not
     * changed; the JDK calls this for an argument given after the name in {@code java.security}.
     *
     * @param configArg the options, for example {@code "all"} or {@code "backend=java, all"}
     * @return a new provider with those options
     * @throws NullPointerException if {@code configArg} is null
     * @throws InvalidParameterException if an option is not one of the above (the message names it)
     * @throws IllegalStateException if the chosen backend is not available
     */
    @Override
    public Provider configure(String configArg) {
        Objects.requireNonNull(configArg, "configArg");
        Backend chosen = backend;
        boolean all = allServices;
        for (String option : configArg.trim().split("[\\s,]+")) {
            String o = option.toLowerCase(Locale.ROOT);
            if (o.isEmpty()) {
                continue;
            }
            switch (o) {
                case "all":
                    all = true;
                    break;
                case "default":
                    all = false;
                    break;
                case "backend=native":
                    chosen = Backend.NATIVE;
                    break;
                case "backend=java":
                    chosen = Backend.JAVA;
                    break;
                case "backend=auto":
                    chosen = Ferrite.backend();
                    break;
                default:
                    throw new InvalidParameterException("unknown Ferrite provider option '" + option
                            + "': expected all, default, backend=native, backend=java or backend=auto");
            }
        }
        return new FerriteProvider(chosen, all);
    }

    /**
     * Always true: the provider is usable as constructed.
     *
     * @return true
     */
    @Override
    public boolean isConfigured() {
        return true;
    }

    /**
     * The backend this provider's services run on.
     *
     * @return {@link Backend#NATIVE} or {@link Backend#JAVA}
     */
    public Backend backend() {
        return backend;
    }

    /**
     * Whether this provider registers every service (the {@code all} option) rather than the default set.
     *
     * @return true with {@code all}
     */
    public boolean allServices() {
        return allServices;
    }

    /** The families this provider registers. */
    Set<Family> families() {
        return families;
    }

    /** The families registered with these options on this JVM. */
    static Set<Family> enabledFamilies(Backend backend, boolean allServices) {
        Set<Family> enabled = EnumSet.noneOf(Family.class);
        for (Family family : Family.values()) {
            if ((family == Family.ARGON2 || family == Family.HKDF) && !kdfAvailable()) {
                continue;
            }
            if (allServices || DEFAULT_ON.get(family).contains(backend)) {
                enabled.add(family);
            }
        }
        return enabled;
    }

    /** Whether the KDF API exists (JDK 25+) and Ferrite's KDF class is in the jar. */
    static boolean kdfAvailable() {
        if (Runtime.version().feature() < 25) {
            return false;
        }
        try {
            Class.forName(ARGON2_KDF_CLASS, false, FerriteProvider.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String info(Backend backend, Set<Family> families) {
        List<String> names = new ArrayList<>();
        if (families.contains(Family.ED25519)) {
            names.add("Ed25519 Signature/KeyFactory/KeyPairGenerator");
        }
        if (families.contains(Family.AES_GCM)) {
            names.add("AES/GCM/NoPadding Cipher");
        }
        if (families.contains(Family.SHA256)) {
            names.add("SHA-256 MessageDigest");
        }
        if (families.contains(Family.ARGON2)) {
            names.add("Argon2 KDF");
        }
        if (families.contains(Family.X25519)) {
            names.add("X25519 KeyAgreement");
        }
        if (families.contains(Family.HKDF)) {
            names.add("HKDF-SHA256 KDF");
        }
        return "Ferrite " + VERSION + " (" + backend.name().toLowerCase(Locale.ROOT) + " backend): "
                + (names.isEmpty() ? "no services" : String.join(", ", names));
    }

    private void registerServices() {
        String software = "Software";
        if (families.contains(Family.ED25519)) {
            List<String> oids = List.of("OID.1.3.101.112", "1.3.101.112");
            Map<String, String> attributes = Map.of("ImplementedIn", software);
            add("Signature", "Ed25519", Ed25519SignatureSpi.class, oids, attributes,
                    p -> new Ed25519SignatureSpi(backend));
            add("Signature", "EdDSA", Ed25519SignatureSpi.class, List.of(), attributes,
                    p -> new Ed25519SignatureSpi(backend));
            add("KeyFactory", "Ed25519", Ed25519KeyFactorySpi.class, oids, attributes,
                    p -> new Ed25519KeyFactorySpi());
            add("KeyFactory", "EdDSA", Ed25519KeyFactorySpi.class, List.of(), attributes,
                    p -> new Ed25519KeyFactorySpi());
            add("KeyPairGenerator", "Ed25519", Ed25519KeyPairGeneratorSpi.class, oids, attributes,
                    p -> new Ed25519KeyPairGeneratorSpi(backend));
            add("KeyPairGenerator", "EdDSA", Ed25519KeyPairGeneratorSpi.class, List.of(), attributes,
                    p -> new Ed25519KeyPairGeneratorSpi(backend));
        }
        if (families.contains(Family.AES_GCM)) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("SupportedKeyFormats", "RAW");
            attributes.put("SupportedModes", "GCM");
            add("Cipher", "AES/GCM/NoPadding", AesGcmCipherSpi.class, List.of(), attributes,
                    p -> new AesGcmCipherSpi(backend, 0));
            int[][] sizes = {{128, 6}, {192, 26}, {256, 46}};
            for (int[] size : sizes) {
                String oid = "2.16.840.1.101.3.4.1." + size[1];
                int keyBytes = size[0] / 8;
                add("Cipher", "AES_" + size[0] + "/GCM/NoPadding", AesGcmCipherSpi.class,
                        List.of("OID." + oid, oid), attributes, p -> new AesGcmCipherSpi(backend, keyBytes));
            }
        }
        if (families.contains(Family.SHA256)) {
            add("MessageDigest", "SHA-256", Sha256DigestSpi.class,
                    List.of("SHA256", "OID.2.16.840.1.101.3.4.2.1", "2.16.840.1.101.3.4.2.1"),
                    Map.of("ImplementedIn", software), p -> new Sha256DigestSpi(backend));
        }
        if (families.contains(Family.X25519)) {
            Map<String, String> attributes = Map.of("ImplementedIn", software, "SupportedKeyClasses",
                    "java.security.interfaces.XECPublicKey|java.security.interfaces.XECPrivateKey");
            add("KeyAgreement", "X25519", X25519KeyAgreementSpi.class, List.of("OID.1.3.101.110", "1.3.101.110"),
                    attributes, p -> new X25519KeyAgreementSpi(backend));
            add("KeyAgreement", "XDH", X25519KeyAgreementSpi.class, List.of(), attributes,
                    p -> new X25519KeyAgreementSpi(backend));
        }
        if (families.contains(Family.ARGON2)) {
            addKdf("Argon2id", Argon2Type.ID);
            addKdf("Argon2i", Argon2Type.I);
            addKdf("Argon2d", Argon2Type.D);
        }
        if (families.contains(Family.HKDF)) {
            // By name, as for Argon2.
            putService(new FerriteService(this, "KDF", "HKDF-SHA256", HKDF_KDF_CLASS, List.of(), Map.of(),
                    parameters -> {
                        Class<?> kdf = Class.forName(HKDF_KDF_CLASS, true, FerriteProvider.class.getClassLoader());
                        Constructor<?> constructor = kdf.getDeclaredConstructor(Backend.class,
                                Class.forName("javax.crypto.KDFParameters"));
                        try {
                            return constructor.newInstance(backend, parameters);
                        } catch (InvocationTargetException e) {
                            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
                        }
                    }));
        }
    }

    private void addKdf(String algorithm, Argon2Type type) {
        // By name: the class needs JDK 25 (javax.crypto.KDFSpi), these classes must load on JDK 17.
        putService(new FerriteService(this, "KDF", algorithm, ARGON2_KDF_CLASS, List.of(), Map.of(),
                parameters -> {
                    Class<?> kdf = Class.forName(ARGON2_KDF_CLASS, true, FerriteProvider.class.getClassLoader());
                    Class<?> kdfParameters = Class.forName("javax.crypto.KDFParameters");
                    Constructor<?> constructor = kdf.getDeclaredConstructor(Argon2Type.class, Backend.class,
                            kdfParameters);
                    try {
                        return constructor.newInstance(type, backend, parameters);
                    } catch (InvocationTargetException e) {
                        throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
                    }
                }));
    }

    private void add(String type, String algorithm, Class<?> spi, List<String> aliases,
            Map<String, String> attributes, Factory factory) {
        putService(new FerriteService(this, type, algorithm, spi.getName(), aliases, attributes, factory));
    }

    /** Creates an SPI object; the argument is {@code newInstance}'s constructor parameter. */
    @FunctionalInterface
    interface Factory {
        Object create(Object constructorParameter) throws Exception;
    }

    /**
     * A service whose objects are created by a factory (so each provider instance passes its backend) instead of
     * by reflection on a public no-argument constructor.
     */
    private static final class FerriteService extends Provider.Service {
        private final Factory factory;

        FerriteService(FerriteProvider provider, String type, String algorithm, String className,
                List<String> aliases, Map<String, String> attributes, Factory factory) {
            super(provider, type, algorithm, className, aliases, attributes);
            this.factory = factory;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            try {
                return factory.create(constructorParameter);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                // With the cause kept: KDF.getInstance rethrows an InvalidAlgorithmParameterException cause.
                throw new NoSuchAlgorithmException("cannot create " + getType() + "." + getAlgorithm() + " of "
                        + NAME + ": " + e.getMessage(), e);
            } catch (LinkageError e) {
                throw new ProviderException("cannot create " + getType() + "." + getAlgorithm() + " of " + NAME, e);
            }
        }
    }
}
