package dev.distsys.coordination.server.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.distsys.shared.testing.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** CONTRACT.md §2 against one real member over HTTP, with tokens. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "coordination.data-dir=${java.io.tmpdir}/coordination-api-test-${random.uuid}",
                "coordination.max-value-bytes=1024" })
class CoordinationApiTests {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final JsonMapper json = JsonMapper.builder().build();

    private static final String TOKEN = TestTokens.issue("admin", "coordination");

    @Value("${local.server.port}")
    int port;

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .method(method,
                    (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private String lease(long ttlMs) throws Exception {
        HttpResponse<String> response = call("POST", "/v1/leases", "{\"ttlMs\": " + ttlMs + "}");
        assertThat(response.statusCode()).isEqualTo(201);
        return body(response).get("leaseId").asString();
    }

    @Test
    void shouldPutGetCompareAndSetAndDeleteWithRevisions() throws Exception {
        HttpResponse<String> put = call("PUT", "/v1/kv/kv-a", "{\"value\": \"one\"}");
        assertThat(put.statusCode()).isEqualTo(200);
        long revision = body(put).get("revision").asLong();
        assertThat(put.headers().firstValue("X-Raft-Revision")).hasValue(String.valueOf(revision));

        HttpResponse<String> get = call("GET", "/v1/kv/kv-a", null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(body(get).get("value").asString()).isEqualTo("one");
        assertThat(body(get).get("modRevision").asLong()).isEqualTo(revision);
        assertThat(body(get).get("createRevision").asLong()).isEqualTo(revision);

        HttpResponse<String> stale = call("PUT", "/v1/kv/kv-a", "{\"value\": \"two\", \"prevRevision\": 0}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(body(stale).get("currentRevision").asLong()).isEqualTo(revision);
        assertThat(call("PUT", "/v1/kv/kv-a", "{\"value\": \"two\", \"prevRevision\": " + revision + "}").statusCode())
            .isEqualTo(200);

        HttpResponse<String> deleted = call("DELETE", "/v1/kv/kv-a", null);
        assertThat(body(deleted).get("deleted").asInt()).isEqualTo(1);
        assertThat(call("GET", "/v1/kv/kv-a?consistency=serializable", null).statusCode()).isEqualTo(404);
        assertThat(body(call("DELETE", "/v1/kv/kv-a", null)).get("deleted").asInt()).isZero();
    }

    @Test
    void shouldListByPrefixInKeyOrder() throws Exception {
        call("PUT", "/v1/kv/list.b", "{\"value\": \"2\"}");
        call("PUT", "/v1/kv/list.a", "{\"value\": \"1\"}");
        call("PUT", "/v1/kv/other", "{\"value\": \"x\"}");

        JsonNode listing = body(call("GET", "/v1/kv?prefix=list.", null));

        assertThat(listing.get("items").valueStream().map((item) -> item.get("key").asString()))
            .containsExactly("list.a", "list.b");
    }

    @Test
    void shouldRefuseBadInputWithAProblemAndChangeNothing() throws Exception {
        long before = body(call("GET", "/v1/cluster", null)).get("revision").asLong();

        HttpResponse<String> unknownField = call("PUT", "/v1/kv/bad-1", "{\"value\": \"x\", \"colour\": 1}");
        HttpResponse<String> oddKey = call("PUT", "/v1/kv/bad%20key", "{\"value\": \"x\"}");
        HttpResponse<String> negativeTtl = call("POST", "/v1/leases", "{\"ttlMs\": -1}");
        HttpResponse<String> unknownLease = call("PUT", "/v1/kv/bad-2", "{\"value\": \"x\", \"leaseId\": \"nope\"}");
        HttpResponse<String> huge = call("PUT", "/v1/kv/bad-3", "{\"value\": \"" + "x".repeat(2000) + "\"}");
        HttpResponse<String> hugeBody = call("PUT", "/v1/kv/bad-4", "{\"value\": \"" + "x".repeat(300_000) + "\"}");
        HttpResponse<String> malformed = call("PUT", "/v1/kv/bad-5", "{\"value\": ");

        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("colour");
        assertThat(oddKey.statusCode()).isEqualTo(400);
        assertThat(negativeTtl.statusCode()).isEqualTo(400);
        assertThat(negativeTtl.body()).contains("ttlMs");
        assertThat(unknownLease.statusCode()).isEqualTo(404);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(hugeBody.statusCode()).isEqualTo(413);
        assertThat(malformed.statusCode()).isEqualTo(400);
        Stream.of(unknownField, oddKey, negativeTtl, unknownLease, huge, hugeBody, malformed)
            .forEach((response) -> assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json")));
        assertThat(body(call("GET", "/v1/cluster", null)).get("revision").asLong()).isEqualTo(before);
    }

    @Test
    void shouldHandALockOverInFifoOrderWithIncreasingTokensAndFenceOlderHolders() throws Exception {
        String first = lease(30_000);
        String second = lease(30_000);
        long token1 = body(call("POST", "/v1/locks/fifo", "{\"leaseId\": \"" + first + "\"}")).get("fencingToken")
            .asLong();
        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return call("POST", "/v1/locks/fifo", "{\"leaseId\": \"" + second + "\", \"waitMs\": 10000}");
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> body(call("GET", "/v1/locks/fifo", null)).get("waiters").asInt() == 1);
        assertThat(call("PUT", "/v1/kv/fenced", fence("first", "fifo", token1)).statusCode()).isEqualTo(200);

        assertThat(call("DELETE", "/v1/locks/fifo?fencingToken=" + token1, null).statusCode()).isEqualTo(204);

        HttpResponse<String> handedOver = waiting.get();
        assertThat(handedOver.statusCode()).isEqualTo(200);
        long token2 = body(handedOver).get("fencingToken").asLong();
        assertThat(token2).isGreaterThan(token1);
        assertThat(call("PUT", "/v1/kv/fenced", fence("late", "fifo", token1)).statusCode()).isEqualTo(409);
        assertThat(call("PUT", "/v1/kv/fenced", fence("second", "fifo", token2)).statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/v1/locks/fifo?fencingToken=" + token1, null).statusCode()).isEqualTo(409);
        JsonNode lock = body(call("GET", "/v1/locks/fifo", null));
        assertThat(lock.get("held").asBoolean()).isTrue();
        assertThat(lock.get("leaseId").asString()).isEqualTo(second);
    }

    private static String fence(String value, String lock, long token) {
        return "{\"value\": \"" + value + "\", \"fence\": {\"lock\": \"" + lock + "\", \"token\": " + token + "}}";
    }

    @Test
    void shouldAnswer409WhenTheLockIsNotHeldWithinWaitMs() throws Exception {
        String holder = lease(30_000);
        String other = lease(30_000);
        call("POST", "/v1/locks/busy", "{\"leaseId\": \"" + holder + "\"}");

        HttpResponse<String> refused = call("POST", "/v1/locks/busy",
                "{\"leaseId\": \"" + other + "\", \"waitMs\": 200}");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(body(call("GET", "/v1/locks/busy", null)).get("waiters").asInt()).isZero();
    }

    @Test
    void shouldReleaseLocksKeysAndInstancesWhenTheLeaseIsRevoked() throws Exception {
        String leaseId = lease(30_000);
        call("PUT", "/v1/kv/owned", "{\"value\": \"x\", \"leaseId\": \"" + leaseId + "\"}");
        call("POST", "/v1/locks/owned", "{\"leaseId\": \"" + leaseId + "\"}");
        call("PUT", "/v1/registry/svc-a/i-1", "{\"address\": \"http://127.0.0.1:1\", \"leaseId\": \"" + leaseId
                + "\", \"metadata\": {\"zone\": \"a\"}}");
        assertThat(body(call("GET", "/v1/registry/svc-a", null)).get("instances").size()).isEqualTo(1);
        assertThat(body(call("GET", "/v1/registry", null)).get("services").valueStream().map(JsonNode::asString))
            .contains("svc-a");

        assertThat(call("DELETE", "/v1/leases/" + leaseId, null).statusCode()).isEqualTo(204);

        assertThat(call("GET", "/v1/kv/owned", null).statusCode()).isEqualTo(404);
        assertThat(body(call("GET", "/v1/locks/owned", null)).get("held").asBoolean()).isFalse();
        assertThat(body(call("GET", "/v1/registry/svc-a", null)).get("instances").size()).isZero();
        assertThat(call("POST", "/v1/leases/" + leaseId + "/keepalive", null).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldExpireALeaseThatIsNotKeptAlive() throws Exception {
        String leaseId = lease(1000);
        call("PUT", "/v1/kv/expiring", "{\"value\": \"x\", \"leaseId\": \"" + leaseId + "\"}");
        assertThat(call("POST", "/v1/leases/" + leaseId + "/keepalive", null).statusCode()).isEqualTo(200);

        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> call("GET", "/v1/kv/expiring", null).statusCode() == 404);
        assertThat(call("POST", "/v1/leases/" + leaseId + "/keepalive", null).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldElectOneLeaderAtATimeWithIncreasingTerms() throws Exception {
        String a = lease(30_000);
        String b = lease(30_000);
        JsonNode first = body(call("POST", "/v1/elections/e1/campaign",
                "{\"leaseId\": \"" + a + "\", \"candidate\": \"node-a\", \"waitMs\": 1000}"));
        assertThat(first.get("leader").asString()).isEqualTo("node-a");
        assertThat(call("POST", "/v1/elections/e1/campaign",
                "{\"leaseId\": \"" + b + "\", \"candidate\": \"node-b\", \"waitMs\": 100}")
            .statusCode()).isEqualTo(409);
        assertThat(body(call("GET", "/v1/elections/e1", null)).get("leader").asString()).isEqualTo("node-a");

        assertThat(call("POST", "/v1/elections/e1/resign", "{\"leaseId\": \"" + a + "\"}").statusCode()).isEqualTo(204);
        assertThat(call("GET", "/v1/elections/e1", null).statusCode()).isEqualTo(404);
        JsonNode second = body(call("POST", "/v1/elections/e1/campaign",
                "{\"leaseId\": \"" + b + "\", \"candidate\": \"node-b\", \"waitMs\": 1000}"));
        assertThat(second.get("term").asLong()).isGreaterThan(first.get("term").asLong());
    }

    @Test
    void shouldWatchEveryChangeInRevisionOrderFromARevision() throws Exception {
        long from = body(call("PUT", "/v1/kv/w.0", "{\"value\": \"0\"}")).get("revision").asLong();
        for (int i = 1; i <= 5; i++) {
            call("PUT", "/v1/kv/w." + i, "{\"value\": \"" + i + "\"}");
        }
        call("DELETE", "/v1/kv/w.2", null);
        HttpRequest request = HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/watch?prefix=w.&fromRevision=" + from))
            .header("Authorization", "Bearer " + TOKEN)
            .build();
        HttpResponse<Stream<String>> stream = http.send(request, HttpResponse.BodyHandlers.ofLines());
        List<JsonNode> events = new ArrayList<>();
        try (Stream<String> lines = stream.body()) {
            lines.filter((line) -> line.startsWith("data:"))
                .limit(7)
                .forEach((line) -> events.add(json.readTree(line.substring(5))));
        }

        assertThat(events).extracting((e) -> e.get("key").asString())
            .containsExactly("w.0", "w.1", "w.2", "w.3", "w.4", "w.5", "w.2");
        assertThat(events.get(6).get("type").asString()).isEqualTo("DELETE");
        assertThat(events).extracting((e) -> e.get("revision").asLong()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void shouldDescribeTheCluster() throws Exception {
        JsonNode cluster = body(call("GET", "/v1/cluster", null));
        assertThat(cluster.get("leader").asString()).isEqualTo("1");
        assertThat(cluster.get("members").get(0).get("role").asString()).isEqualTo("LEADER");
        assertThat(cluster.get("members").get(0).get("peerAddress").asString()).isEqualTo("127.0.0.1:9201");
    }

}
