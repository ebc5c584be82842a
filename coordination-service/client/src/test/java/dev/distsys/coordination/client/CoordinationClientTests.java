package dev.distsys.coordination.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The client against a real member process. */
class CoordinationClientTests {

    private static MemberProcess member;

    private static CoordinationClient client;

    @BeforeAll
    static void start() throws Exception {
        member = new MemberProcess();
        // A dead address first: the client must move on to a member that answers.
        client = CoordinationClient.of(List.of(URI.create("http://127.0.0.1:1"), member.address), null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (member != null) {
            member.close();
        }
    }

    @Test
    void shouldPutGetCompareAndSetAndDelete() {
        long revision = client.put("client-a", "one");
        assertThat(client.get("client-a")).hasValueSatisfying((kv) -> {
            assertThat(kv.value()).isEqualTo("one");
            assertThat(kv.modRevision()).isEqualTo(revision);
        });
        assertThatThrownBy(() -> client.putIfRevision("client-a", "two", 0))
            .isInstanceOfSatisfying(CoordinationException.class, (ex) -> assertThat(ex.isConflict()).isTrue());
        client.putIfRevision("client-a", "two", revision);
        assertThat(client.delete("client-a")).isTrue();
        assertThat(client.get("client-a", false)).isEmpty();
    }

    @Test
    void shouldHoldALockWithAFencingTokenAndReleaseItOnClose() {
        try (Lease lease = client.grantLease(Duration.ofSeconds(10))) {
            long first;
            try (DistributedLock lock = client.lock("client-lock", lease, Duration.ofSeconds(5))) {
                first = lock.fencingToken();
                assertThat(lock.isHeld()).isTrue();
                client.putFenced("client-resource", "a", "client-lock", first);
            }
            try (DistributedLock lock = client.lock("client-lock", lease, Duration.ofSeconds(5))) {
                assertThat(lock.fencingToken()).isGreaterThan(first);
                assertThatThrownBy(() -> client.putFenced("client-resource", "stale", "client-lock", first))
                    .isInstanceOfSatisfying(CoordinationException.class, (ex) -> assertThat(ex.isConflict()).isTrue());
            }
        }
    }

    @Test
    void shouldKeepALeaseAliveBeyondItsTtlAndRevokeItOnClose() {
        Lease lease = client.grantLease(Duration.ofSeconds(1));
        client.register("client-svc", "i-1", URI.create("http://127.0.0.1:8081"), lease, Map.of());
        long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();

        await().atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> System.nanoTime() - until > 0 && client.instances("client-svc").containsKey("i-1"));
        assertThat(lease.isValid()).isTrue();

        lease.close();
        assertThat(client.instances("client-svc")).isEmpty();
    }

    @Test
    void shouldElectOneLeaderAndHandOverWithAHigherTerm() throws Exception {
        List<Long> electedA = new CopyOnWriteArrayList<>();
        List<Long> revokedA = new CopyOnWriteArrayList<>();
        List<Long> electedB = new CopyOnWriteArrayList<>();
        LeaderElection a = new LeaderElection(client, "client-election", "a", Duration.ofSeconds(5), electedA::add,
                revokedA::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> !electedA.isEmpty());
        try (LeaderElection b = new LeaderElection(client, "client-election", "b", Duration.ofSeconds(5), electedB::add,
                (term) -> {
                })) {
            assertThat(client.electionLeader("client-election")).hasValue("a");

            a.close();

            await().atMost(Duration.ofSeconds(15)).until(() -> !electedB.isEmpty());
            assertThat(revokedA).containsExactlyElementsOf(electedA);
            assertThat(electedB.get(0)).isGreaterThan(electedA.get(0));
        }
    }

    @Test
    void shouldDiscoverRegisteredInstancesUntilTheirLeaseEnds() {
        var registry = new dev.distsys.coordination.client.discovery.CoordinationServiceRegistry(client,
                Duration.ofSeconds(5));
        var discovery = new dev.distsys.coordination.client.discovery.CoordinationDiscoveryClient(client);
        var registration = new dev.distsys.coordination.client.discovery.CoordinationRegistration("discovered-svc",
                "d-1", "127.0.0.1", 8089, Map.of("zone", "a"));

        registry.register(registration);

        assertThat(discovery.getServices()).contains("discovered-svc");
        assertThat(discovery.getInstances("discovered-svc")).singleElement().satisfies((instance) -> {
            assertThat(instance.getPort()).isEqualTo(8089);
            assertThat(instance.getMetadata()).containsEntry("zone", "a");
        });
        registry.deregister(registration);
        assertThat(discovery.getInstances("discovered-svc")).isEmpty();
        registry.close();
    }

}
