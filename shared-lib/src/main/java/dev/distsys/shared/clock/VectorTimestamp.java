package dev.distsys.shared.clock;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An immutable vector timestamp: for each process id, how many events of that process are
 * in the causal past. A missing entry counts as 0, and zero entries are never stored, so
 * equal histories have equal instances.
 *
 * <p>
 * The number of entries is bounded by {@link #MAX_ENTRIES} (a corrupt or hostile remote
 * vector must not grow memory without limit); {@link VectorClock} can set a lower bound.
 */
public final class VectorTimestamp {

    /** Hard upper bound on the number of processes a vector may name. */
    public static final int MAX_ENTRIES = 1024;

    private static final Pattern PROCESS_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private static final VectorTimestamp EMPTY = new VectorTimestamp(new TreeMap<>());

    private final SortedMap<String, Long> entries;

    private VectorTimestamp(TreeMap<String, Long> entries) {
        this.entries = entries;
    }

    /** The timestamp before any event. */
    public static VectorTimestamp empty() {
        return EMPTY;
    }

    /**
     * A timestamp with the given counters; zero counters are dropped.
     * @throws IllegalArgumentException for a negative counter, an invalid process id
     * (1–100 characters of {@code [A-Za-z0-9._:-]}) or more than {@link #MAX_ENTRIES}
     * non-zero entries
     */
    public static VectorTimestamp of(Map<String, Long> counters) {
        TreeMap<String, Long> copy = new TreeMap<>();
        counters.forEach((process, counter) -> {
            requireProcessId(process);
            Objects.requireNonNull(counter, "counter");
            if (counter < 0) {
                throw new IllegalArgumentException("counter of " + process + " must not be negative, was " + counter);
            }
            if (counter > 0) {
                copy.put(process, counter);
            }
        });
        return create(copy, MAX_ENTRIES);
    }

    /** The counter of {@code process}, 0 if absent. */
    public long get(String process) {
        return this.entries.getOrDefault(process, 0L);
    }

    /** The non-zero counters, sorted by process id; unmodifiable. */
    public SortedMap<String, Long> entries() {
        return Collections.unmodifiableSortedMap(this.entries);
    }

    /** How many processes have a non-zero counter. */
    public int size() {
        return this.entries.size();
    }

    /** This timestamp with the counter of {@code process} advanced by one. */
    public VectorTimestamp increment(String process) {
        return increment(process, MAX_ENTRIES);
    }

    VectorTimestamp increment(String process, int maxEntries) {
        requireProcessId(process);
        TreeMap<String, Long> copy = new TreeMap<>(this.entries);
        copy.merge(process, 1L, Math::addExact);
        return create(copy, maxEntries);
    }

    /** The pointwise maximum: the least timestamp that has both in its past. */
    public VectorTimestamp merge(VectorTimestamp other) {
        return merge(other, MAX_ENTRIES);
    }

    VectorTimestamp merge(VectorTimestamp other, int maxEntries) {
        TreeMap<String, Long> copy = new TreeMap<>(this.entries);
        other.entries.forEach((process, counter) -> copy.merge(process, counter, Math::max));
        return create(copy, maxEntries);
    }

    /**
     * How this timestamp relates to {@code other}: {@link Ordering#BEFORE} when this one
     * happened before it (every counter {@code <=}, at least one {@code <}),
     * {@link Ordering#AFTER} for the converse, {@link Ordering#EQUAL} or
     * {@link Ordering#CONCURRENT}.
     */
    public Ordering compareTo(VectorTimestamp other) {
        boolean someLess = false;
        boolean someGreater = false;
        for (Map.Entry<String, Long> entry : this.entries.entrySet()) {
            long theirs = other.get(entry.getKey());
            someLess |= entry.getValue() < theirs;
            someGreater |= entry.getValue() > theirs;
        }
        for (Map.Entry<String, Long> entry : other.entries.entrySet()) {
            someLess |= get(entry.getKey()) < entry.getValue();
        }
        if (someLess && someGreater) {
            return Ordering.CONCURRENT;
        }
        if (someLess) {
            return Ordering.BEFORE;
        }
        return someGreater ? Ordering.AFTER : Ordering.EQUAL;
    }

    /** Whether this timestamp happened before {@code other}. */
    public boolean happenedBefore(VectorTimestamp other) {
        return compareTo(other) == Ordering.BEFORE;
    }

    private static VectorTimestamp create(TreeMap<String, Long> entries, int maxEntries) {
        if (entries.size() > maxEntries) {
            throw new VectorClockCapacityException(maxEntries, entries.size());
        }
        return entries.isEmpty() ? EMPTY : new VectorTimestamp(entries);
    }

    static void requireProcessId(String process) {
        if (process == null || !PROCESS_ID.matcher(process).matches()) {
            throw new IllegalArgumentException(
                    "process id must be 1-100 characters of [A-Za-z0-9._:-], was " + process);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VectorTimestamp that && this.entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return this.entries.hashCode();
    }

    @Override
    public String toString() {
        return this.entries.toString();
    }

}
