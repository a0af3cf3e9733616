package dev.ferrite.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;

/**
 * The address of one piece of native state (an expanded key, a hash or GCM state) made by a {@code ferrite_*_new}
 * export and freed by its {@code _free} export, which wipes it; freed at most once. Every typed binding that holds
 * native state keeps it in one of these.
 *
 * <p>Thread-safe; {@link #address()} and {@link #free()} may race, so the owner makes sure no operation overlaps the
 * free (Ferrite's key classes count operations in progress with a {@code UseCounter}).
 */
final class NativeHandle {
    private final AtomicReference<MemorySegment> address;
    private final String what;
    private final ToIntFunction<MemorySegment> free;

    private NativeHandle(MemorySegment address, String what, ToIntFunction<MemorySegment> free) {
        this.address = new AtomicReference<>(address);
        this.what = what;
        this.free = free;
    }

    /**
     * Makes native state: {@code create} receives the slot the export writes the new address into.
     *
     * @param what the state's name in messages, e.g. {@code "aes-gcm key"}
     * @param create calls the {@code _new} export with the slot, returning its status
     * @param free calls the {@code _free} export on an address, returning its status
     * @return the handle
     */
    static NativeHandle create(String what, ToIntFunction<MemorySegment> create, ToIntFunction<MemorySegment> free) {
        FerriteNative.requireAvailable();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment slot = arena.allocate(ADDRESS);
            Status.check(create.applyAsInt(slot), what);
            return new NativeHandle(slot.get(ADDRESS, 0), what, free);
        }
    }

    /**
     * Takes charge of native state made by a call whose status the caller has checked itself (for calls that can also
     * fail authentication).
     *
     * @param address the address the {@code _new} export wrote (not null)
     * @param what the state's name in messages
     * @param free calls the {@code _free} export on an address, returning its status
     * @return the handle
     */
    static NativeHandle adopt(MemorySegment address, String what, ToIntFunction<MemorySegment> free) {
        return new NativeHandle(address, what, free);
    }

    /**
     * The address, for a call.
     *
     * @return the live address
     * @throws IllegalStateException if the state was freed
     */
    MemorySegment address() {
        MemorySegment live = address.get();
        if (live == null) {
            throw new IllegalStateException("the " + what + " was freed");
        }
        return live;
    }

    /** Frees the native state (the library wipes it). Idempotent. */
    void free() {
        MemorySegment live = address.getAndSet(null);
        if (live != null) {
            Status.check(free.applyAsInt(live), what + " free");
        }
    }
}
