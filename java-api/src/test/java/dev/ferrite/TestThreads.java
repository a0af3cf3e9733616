package dev.ferrite;

/** Starts named platform threads (the tests run on JDK 17 too, which has no {@code Thread.ofPlatform()}). */
final class TestThreads {
    private TestThreads() {}

    static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }
}
