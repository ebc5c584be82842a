package dev.distsys.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import dev.distsys.inventory.stock.Inventory;
import dev.distsys.inventory.stock.OrderLine;
import dev.distsys.inventory.stock.ReservationOutcome;
import dev.distsys.inventory.stock.ReservationOutcome.RefusalReason;
import dev.distsys.inventory.stock.ReservationOutcome.Refused;
import dev.distsys.inventory.stock.ReservationOutcome.Reserved;
import dev.distsys.inventory.stock.Reservations;
import dev.distsys.inventory.stock.StockItem;
import dev.distsys.shared.testing.UsesRealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many orders reserving scarce stock at once, each in its own transaction on real
 * PostgreSQL: nothing is oversold, every order gets all of its lines or none, and
 * available + reserved + sold stays exactly what the operator set.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UsesRealInfrastructure(database = "inventory")
class ReservationConcurrencyTests {

    private static final int ORDERS = 50;

    private static final int THREADS = 8;

    @Autowired
    Reservations reservations;

    @Autowired
    Inventory inventory;

    @Test
    void shouldNeverOversellScarceStockUnderConcurrentReservations() throws Exception {
        String skuA = "A-" + UUID.randomUUID();
        String skuB = "B-" + UUID.randomUUID();
        this.inventory.put(skuA, 20, 100);
        this.inventory.put(skuB, 30, 100);
        // Each order wants one A and one to three B, listed in both orders to provoke
        // lock-order deadlocks if rows were not locked in sku order.
        List<List<OrderLine>> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            OrderLine a = new OrderLine(skuA, 1);
            OrderLine b = new OrderLine(skuB, i % 3 + 1);
            orders.add((i % 2 == 0) ? List.of(a, b) : List.of(b, a));
        }

        List<ReservationOutcome> outcomes = runConcurrently(orders.size(),
                (i) -> () -> this.reservations.reserve(orderId(skuA, i), orders.get(i)));

        long reservedA = 0;
        long reservedB = 0;
        List<String> reservedOrders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            ReservationOutcome outcome = outcomes.get(i);
            if (outcome instanceof Reserved reserved) {
                assertThat(reserved.lines()).hasSize(2);
                reservedA += 1;
                reservedB += i % 3 + 1;
                reservedOrders.add(orderId(skuA, i));
            }
            else {
                assertThat(((Refused) outcome).reason()).isEqualTo(RefusalReason.OUT_OF_STOCK);
            }
        }
        assertThat(reservedA).isPositive().isLessThanOrEqualTo(20);
        assertThat(reservedB).isLessThanOrEqualTo(30);
        assertConserved(skuA, 20, reservedA, 0);
        assertConserved(skuB, 30, reservedB, 0);

        // Half of the reserved orders commit, the others release, all at once.
        runConcurrently(reservedOrders.size(), (i) -> () -> {
            if (i % 2 == 0) {
                this.reservations.commit(reservedOrders.get(i));
            }
            else {
                this.reservations.release(reservedOrders.get(i));
            }
            return null;
        });
        StockItem a = this.inventory.find(skuA).orElseThrow();
        assertThat(a.reserved()).isZero();
        assertThat(a.sold()).isEqualTo((reservedOrders.size() + 1) / 2);
        assertThat(a.available() + a.reserved() + a.sold()).isEqualTo(20);
        StockItem b = this.inventory.find(skuB).orElseThrow();
        assertThat(b.reserved()).isZero();
        assertThat(b.available() + b.reserved() + b.sold()).isEqualTo(30);
    }

    private void assertConserved(String sku, long total, long reserved, long sold) {
        StockItem item = this.inventory.find(sku).orElseThrow();
        assertThat(item.available()).isNotNegative();
        assertThat(item.reserved()).isEqualTo(reserved);
        assertThat(item.sold()).isEqualTo(sold);
        assertThat(item.available() + item.reserved() + item.sold()).isEqualTo(total);
    }

    private static String orderId(String sku, int index) {
        return "O-" + index + "-" + sku;
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
