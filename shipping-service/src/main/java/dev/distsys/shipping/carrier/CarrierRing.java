package dev.distsys.shipping.carrier;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A consistent-hash ring of carriers: each carrier owns {@code virtualNodes} points on a
 * 64-bit ring, and a key (an order id) goes to the owner of the first point at or after
 * its own hash. Skipping the points of unavailable carriers gives exactly the ring of the
 * available ones, so switching a carrier off moves only its own keys, and switching it
 * back on brings exactly those back. Immutable and thread-safe; plain Java.
 */
public final class CarrierRing {

    private final NavigableMap<Long, String> points = new TreeMap<>();

    private final List<String> carriers;

    private CarrierRing(Collection<String> carriers, int virtualNodes) {
        if (carriers.isEmpty()) {
            throw new IllegalArgumentException("a carrier ring needs at least one carrier");
        }
        if (virtualNodes < 1) {
            throw new IllegalArgumentException("virtualNodes must be at least 1, was " + virtualNodes);
        }
        // Sorted, so that a point two carriers hash to goes to the same one whatever the
        // configured order.
        this.carriers = carriers.stream().sorted().distinct().toList();
        for (String carrier : this.carriers) {
            for (int node = 0; node < virtualNodes; node++) {
                this.points.putIfAbsent(hash(carrier + "#" + node), carrier);
            }
        }
    }

    /** A ring of these carriers with {@code virtualNodes} points each. */
    public static CarrierRing of(Collection<String> carriers, int virtualNodes) {
        return new CarrierRing(carriers, virtualNodes);
    }

    /** The carriers on the ring, sorted. */
    public List<String> carriers() {
        return this.carriers;
    }

    /** The carrier of {@code key} when every carrier is available. */
    public String carrierFor(String key) {
        return carrierFor(key, (carrier) -> true).orElseThrow();
    }

    /** The carrier of {@code key} among the available ones; empty when none is. */
    public Optional<String> carrierFor(String key, Predicate<String> available) {
        long hash = hash(key);
        for (String carrier : this.points.tailMap(hash, true).values()) {
            if (available.test(carrier)) {
                return Optional.of(carrier);
            }
        }
        for (String carrier : this.points.headMap(hash, false).values()) {
            if (available.test(carrier)) {
                return Optional.of(carrier);
            }
        }
        return Optional.empty();
    }

    /**
     * The first 64 bits of the SHA-256 of the text: well spread, and stable everywhere.
     */
    static long hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java runtime has SHA-256", ex);
        }
    }

}
