package dev.distsys.payment.account;

import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The operator's view of accounts: set a customer's balance, read an account. */
@Service
public class Accounts {

    private static final RowMapper<Account> ACCOUNT = (rs, row) -> new Account(rs.getString("customer_id"),
            rs.getLong("balance_cents"), rs.getLong("held_cents"), rs.getLong("captured_cents"));

    private final JdbcTemplate jdbc;

    Accounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Sets the balance of {@code customerId}, opening the account if needed. Money held
     * or captured stays as it is; this is the only change of an account's total.
     */
    @Transactional
    public Account setBalance(String customerId, long balanceCents) {
        return this.jdbc.queryForObject("""
                INSERT INTO account (customer_id, balance_cents) VALUES (?, ?)
                ON CONFLICT (customer_id) DO UPDATE SET balance_cents = EXCLUDED.balance_cents,
                    updated_at = clock_timestamp()
                RETURNING customer_id, balance_cents, held_cents, captured_cents""", ACCOUNT, customerId, balanceCents);
    }

    @Transactional(readOnly = true)
    public Optional<Account> find(String customerId) {
        return this.jdbc
            .query("SELECT customer_id, balance_cents, held_cents, captured_cents FROM account WHERE customer_id = ?",
                    ACCOUNT, customerId)
            .stream()
            .findFirst();
    }

}
