package dev.distsys.payment;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import dev.distsys.payment.account.Account;
import dev.distsys.payment.account.Accounts;
import dev.distsys.payment.account.AuthorizationOutcome;
import dev.distsys.payment.account.AuthorizationOutcome.Authorized;
import dev.distsys.payment.account.AuthorizationOutcome.DeclineReason;
import dev.distsys.payment.account.AuthorizationOutcome.Declined;
import dev.distsys.payment.account.Payments;
import dev.distsys.shared.testing.UsesRealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many orders of one customer authorizing against a tight balance at once, each in its
 * own transaction on real PostgreSQL: the balance never goes negative, and balance + held
 * + captured stays exactly what the operator set.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UsesRealInfrastructure(database = "payments")
class AuthorizationConcurrencyTests {

    private static final int ORDERS = 50;

    private static final int THREADS = 8;

    private static final long BALANCE_CENTS = 1_000;

    @Autowired
    Payments payments;

    @Autowired
    Accounts accounts;

    @Test
    void shouldNeverOverdrawATightBalanceUnderConcurrentAuthorizations() throws Exception {
        String customerId = "C-" + UUID.randomUUID();
        this.accounts.setBalance(customerId, BALANCE_CENTS);

        List<AuthorizationOutcome> outcomes = runConcurrently(ORDERS,
                (i) -> () -> this.payments.authorize(orderId(customerId, i), customerId, amount(i)));

        long held = 0;
        List<String> authorized = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            if (outcomes.get(i) instanceof Authorized authorization) {
                assertThat(authorization.amountCents()).isEqualTo(amount(i));
                held += amount(i);
                authorized.add(orderId(customerId, i));
            }
            else {
                assertThat(((Declined) outcomes.get(i)).reason()).isEqualTo(DeclineReason.INSUFFICIENT_FUNDS);
            }
        }
        assertThat(authorized).isNotEmpty();
        Account account = this.accounts.find(customerId).orElseThrow();
        assertThat(account.balanceCents()).isNotNegative();
        assertThat(account.heldCents()).isEqualTo(held);
        assertThat(account.balanceCents() + account.heldCents() + account.capturedCents()).isEqualTo(BALANCE_CENTS);

        // Half of them capture, the others void, all at once.
        runConcurrently(authorized.size(), (i) -> () -> {
            if (i % 2 == 0) {
                return this.payments.capture(authorized.get(i));
            }
            this.payments.voidPayment(authorized.get(i));
            return 0L;
        });
        Account settled = this.accounts.find(customerId).orElseThrow();
        assertThat(settled.heldCents()).isZero();
        assertThat(settled.balanceCents() + settled.capturedCents()).isEqualTo(BALANCE_CENTS);
    }

    private static long amount(int index) {
        return 30 + (index % 4) * 20;
    }

    private static String orderId(String customerId, int index) {
        return "O-" + index + "-" + customerId;
    }

    /** Runs the tasks on a fixed pool and returns their results by index. */
    private static <T> List<T> runConcurrently(int tasks, IntFunction<Callable<T>> task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        try {
            List<Callable<T>> callables = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                callables.add(task.apply(i));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : executor.invokeAll(callables, 60, TimeUnit.SECONDS)) {
                results.add(future.get());
            }
            return results;
        }
        finally {
            executor.shutdownNow();
        }
    }

}
