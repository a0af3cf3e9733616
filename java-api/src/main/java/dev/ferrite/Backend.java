package dev.ferrite;

/**
 * The two implementations behind every Ferrite kernel. Both give the same answers for every input (bit-identical
 * for cryptography); they differ only in speed.
 */
public enum Backend {
    /** Rust code bundled in the jar, called through the Foreign Function &amp; Memory API. */
    NATIVE,
    /** Pure Java: the JDK and Bouncy Castle for cryptography, Ferrite's own code elsewhere. */
    JAVA
}
