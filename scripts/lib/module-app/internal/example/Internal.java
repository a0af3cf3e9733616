package example;

/** Names an internal class and a backend class; scripts/test.sh expects javac to refuse both. */
public class Internal {
    public static void main(String[] args) {
        System.out.println(dev.ferrite.internal.Kernels.class);
        System.out.println(dev.ferrite.sha256.JavaSha256.class);
    }
}
