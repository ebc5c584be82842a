package dev.distsys.shipping.shipment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.distsys.shared.testing.UsesRealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several dispatchers at once (as with several instances, plus this context's own job)
 * over one backlog of due shipments: each shipment is dispatched once and announced once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UsesRealInfrastructure(database = "shipping")
class DispatcherConcurrencyTests {

    private static final int SHIPMENTS = 60;

    private static final int DISPATCHERS = 4;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldDispatchAndAnnounceEveryDueShipmentExactlyOnce() throws Exception {
        String batch = UUID.randomUUID().toString();
        for (int i = 0; i < SHIPMENTS; i++) {
            String orderId = "O-" + i + "-" + batch;
            this.jdbc.update("INSERT INTO shipping_order (order_id, status) VALUES (?, 'OPEN')", orderId);
            this.jdbc.update("""
                    INSERT INTO shipment (shipment_id, order_id, customer_id, status, carrier, saga_id, trace_id,
                        dispatch_after)
                    VALUES (?, ?, 'C-1', 'CREATED', 'parcel-north', ?, ?, clock_timestamp() - interval '1 second')""",
                    "SH-" + i + "-" + batch, orderId, "saga-" + orderId, "0af7651916cd43dd8448eb211c80319c");
        }

        ExecutorService executor = Executors.newFixedThreadPool(DISPATCHERS);
        try {
            List<Callable<Integer>> dispatchers = new ArrayList<>();
            for (int i = 0; i < DISPATCHERS; i++) {
                dispatchers.add(() -> {
                    int dispatched = 0;
                    for (int count = this.dispatcher.dispatchBatch(3); count > 0; count = this.dispatcher
                        .dispatchBatch(3)) {
                        dispatched += count;
                    }
                    return dispatched;
                });
            }
            for (Future<Integer> future : executor.invokeAll(dispatchers, 60, TimeUnit.SECONDS)) {
                assertThat(future.get()).isNotNegative();
            }
        }
        finally {
            executor.shutdownNow();
        }

        // A dispatcher stops when every due row is locked by another one, such as this
        // context's own job, whose last batch may still be committing.
        await().atMost(Duration.ofSeconds(30))
            .until(() -> this.jdbc.queryForList("SELECT DISTINCT status FROM shipment WHERE order_id LIKE ?",
                    String.class, "%-" + batch), (statuses) -> statuses.equals(List.of("DISPATCHED")));
        List<Integer> announcements = this.jdbc.queryForList("""
                SELECT count(*) FROM outbox
                WHERE message_type = 'ShipmentDispatched' AND message_key LIKE ? GROUP BY message_key""", Integer.class,
                "%-" + batch);
        assertThat(announcements).hasSize(SHIPMENTS).containsOnly(1);
    }

}
