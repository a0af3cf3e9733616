/**
 * Ferrite: fast, correct cryptography and clustering. The exported packages are the API; {@code dev.ferrite.internal}
 * and the backend classes inside the kernel packages are not.
 */
module dev.ferrite {
    requires dev.ferrite.bindings;
    requires org.bouncycastle.provider;

    exports dev.ferrite;
    exports dev.ferrite.aead;
    exports dev.ferrite.agglomerative;
    exports dev.ferrite.argon2;
    exports dev.ferrite.dbscan;
    exports dev.ferrite.ed25519;
    exports dev.ferrite.hkdf;
    exports dev.ferrite.hpke;
    exports dev.ferrite.jca;
    exports dev.ferrite.sha256;
    exports dev.ferrite.silhouette;
    exports dev.ferrite.x25519;

    provides java.security.Provider with dev.ferrite.jca.FerriteProvider;
}
