package dev.distsys.shared.leadership;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election through the service's own database: a session-level advisory lock per
 * role, held by a connection of this instance's own. The lock lives as long as the
 * connection, so a crashed or partitioned instance loses leadership when PostgreSQL drops
 * its session; the next instance to ask takes it and increments the role's term in the
 * {@code leadership} table.
 *
 * <p>
 * The database decides, not a wall clock, so there is no lease to expire early or late.
 * The coordination service's elections offer the same with terms kept by Raft, for jobs
 * whose effects live outside one database.
 */
public final class PostgresLeaderElection implements LeaderElection, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresLeaderElection.class);

    private final DataSource dataSource;

    private final String holder;

    private final Map<String, Long> terms = new HashMap<>();

    private Connection session;

    public PostgresLeaderElection(DataSource dataSource, String holder) {
        this.dataSource = dataSource;
        this.holder = holder;
    }

    @Override
    public synchronized Optional<Leadership> tryLead(String role) {
        try {
            Connection connection = session();
            Long term = this.terms.get(role);
            if (term != null) {
                return Optional.of(new Leadership(role, term));
            }
            if (!tryLock(connection, role)) {
                return Optional.empty();
            }
            long newTerm = nextTerm(connection, role);
            this.terms.put(role, newTerm);
            log.info("{} leads {} in term {}", this.holder, role, newTerm);
            return Optional.of(new Leadership(role, newTerm));
        }
        catch (SQLException ex) {
            log.warn("Leader election for {} failed, not leading until the database answers: {}", role, ex.toString());
            dropSession();
            return Optional.empty();
        }
    }

    /** Gives up every role (the session's locks go with it). */
    @Override
    public synchronized void close() {
        dropSession();
    }

    private Connection session() throws SQLException {
        if (this.session != null && this.session.isValid(2)) {
            return this.session;
        }
        if (this.session != null) {
            log.warn("{} lost its leader-election session: every role it led is given up", this.holder);
            dropSession();
        }
        Connection fresh = this.dataSource.getConnection();
        fresh.setAutoCommit(true);
        this.session = fresh;
        return fresh;
    }

    private static boolean tryLock(Connection connection, String role) throws SQLException {
        try (PreparedStatement lock = connection
            .prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "leadership:" + role);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private long nextTerm(Connection connection, String role) throws SQLException {
        try (PreparedStatement upsert = connection
            .prepareStatement("INSERT INTO leadership (role, term, holder, since) VALUES (?, 1, ?, clock_timestamp()) "
                    + "ON CONFLICT (role) DO UPDATE SET term = leadership.term + 1, holder = EXCLUDED.holder, "
                    + "since = EXCLUDED.since RETURNING term")) {
            upsert.setString(1, role);
            upsert.setString(2, this.holder);
            try (ResultSet result = upsert.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private void dropSession() {
        this.terms.clear();
        if (this.session != null) {
            try {
                this.session.close();
            }
            catch (SQLException ex) {
                log.debug("Closing the leader-election session failed: {}", ex.toString());
            }
            this.session = null;
        }
    }

}
