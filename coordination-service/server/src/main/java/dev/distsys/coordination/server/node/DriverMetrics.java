package dev.distsys.coordination.server.node;

/** What the driver counts; the server binds it to Micrometer. */
public interface DriverMetrics {

    DriverMetrics NONE = new DriverMetrics() {
    };

    default void proposed() {
    }

    default void synced(long nanos) {
    }

    default void elected() {
    }

}
