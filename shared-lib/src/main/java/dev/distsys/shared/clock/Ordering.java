package dev.distsys.shared.clock;

/** How two timestamps relate under Lamport's happened-before relation. */
public enum Ordering {

    /** The first happened before the second. */
    BEFORE,
    /** The second happened before the first. */
    AFTER,
    /** Neither happened before the other: the events are causally independent. */
    CONCURRENT,
    /** The same causal history. */
    EQUAL

}
