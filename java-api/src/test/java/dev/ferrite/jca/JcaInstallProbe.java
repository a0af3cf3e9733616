package dev.ferrite.jca;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Run in a child JVM by {@link FerriteProviderRegistrationTest} with a {@code java.security} override that lists
 * Ferrite first: prints which provider the JCA picks for each service, one {@code key=value} per line.
 */
public final class JcaInstallProbe {
    private JcaInstallProbe() {}

    /**
     * Entry point.
     *
     * @param args unused
     * @throws Exception on any failure (the child exits non-zero)
     */
    public static void main(String[] args) throws Exception {
        Provider first = Security.getProviders()[0];
        System.out.println("first=" + first.getName() + " " + first.getClass().getName());
        System.out.println("info=" + first.getInfo());
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(pair.getPrivate());
        signature.update("m".getBytes(StandardCharsets.UTF_8));
        signature.sign();
        System.out.println("Signature=" + signature.getProvider().getName());
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "AES"), new GCMParameterSpec(128, new byte[12]));
        cipher.doFinal(new byte[3]);
        System.out.println("Cipher=" + cipher.getProvider().getName());
        System.out.println("MessageDigest=" + MessageDigest.getInstance("SHA-256").getProvider().getName());
    }
}
