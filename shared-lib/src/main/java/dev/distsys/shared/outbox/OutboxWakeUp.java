package dev.distsys.shared.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the {@code outbox} notification that the insert trigger sends at commit, on a
 * connection of its own. If the connection breaks, waiting degrades to polling until it
 * is re-established, so a lost notification delays a message by at most one poll
 * interval.
 */
final class OutboxWakeUp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxWakeUp.class);

    private final DataSource dataSource;

    private final Object monitor = new Object();

    private Connection connection;

    private volatile boolean closed;

    OutboxWakeUp(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Returns when a notification arrives or {@code timeout} passes, whichever is first.
     */
    void await(Duration timeout) {
        try {
            PGConnection listening = listening();
            if (listening != null) {
                listening.getNotifications((int) Math.max(1, timeout.toMillis()));
                return;
            }
        }
        catch (SQLException ex) {
            log.debug("Outbox notification connection lost, polling until it is back: {}", ex.toString());
            closeConnection();
        }
        pause(timeout);
    }

    /** Waits without listening (back-off after a failure); returns early when closed. */
    void pause(Duration duration) {
        synchronized (this.monitor) {
            if (this.closed) {
                return;
            }
            try {
                this.monitor.wait(Math.max(1, duration.toMillis()));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        synchronized (this.monitor) {
            this.closed = true;
            this.monitor.notifyAll();
        }
        closeConnection();
    }

    private PGConnection listening() throws SQLException {
        if (this.closed) {
            return null;
        }
        if (this.connection == null || this.connection.isClosed()) {
            Connection fresh = this.dataSource.getConnection();
            fresh.setAutoCommit(true);
            try (Statement statement = fresh.createStatement()) {
                statement.execute("LISTEN outbox");
            }
            this.connection = fresh;
        }
        return this.connection.unwrap(PGConnection.class);
    }

    private void closeConnection() {
        Connection current = this.connection;
        this.connection = null;
        if (current != null) {
            try {
                current.close();
            }
            catch (SQLException ex) {
                log.debug("Closing the outbox notification connection failed: {}", ex.toString());
            }
        }
    }

}
