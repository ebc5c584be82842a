package dev.distsys.payment;

import dev.distsys.shared.testing.Http;
import java.net.http.HttpResponse;
import java.util.UUID;

import dev.distsys.shared.testing.TestTokens;
import dev.distsys.shared.testing.UsesRealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The payment endpoints of CONTRACT.md §1 over real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UsesRealInfrastructure(database = "payments")
class PaymentApiTests {

    private static final String ADMIN = TestTokens.issue("admin", "orders", "admin");

    private static final String READER = TestTokens.issue("demo", "orders");

    @LocalServerPort
    int port;

    private Http http;

    private String customerId;

    @BeforeEach
    void setUp() {
        this.http = new Http(this.port);
        this.customerId = "C-" + UUID.randomUUID();
    }

    @Test
    void shouldSetTheBalanceAndReadItBack() {
        HttpResponse<String> put = this.http.put(path(), ADMIN, "{\"balanceCents\": 100000}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertAccount(Http.body(put), 100_000);

        HttpResponse<String> get = this.http.get(path(), READER);
        assertThat(get.statusCode()).isEqualTo(200);
        assertAccount(Http.body(get), 100_000);

        this.http.put(path(), ADMIN, "{\"balanceCents\": 0}");
        assertAccount(Http.body(this.http.get(path(), READER)), 0);
    }

    @Test
    void shouldAcceptTheLargestBalance() {
        assertThat(this.http.put(path(), ADMIN, "{\"balanceCents\": 1000000000000}").statusCode()).isEqualTo(200);
        assertAccount(Http.body(this.http.get(path(), READER)), 1_000_000_000_000L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"balanceCents": 5, "currency": "EUR"}   | currency
            {"balanceCents": 2.5}                    | balanceCents
            {"balanceCents": -1}                     | balanceCents
            {"balanceCents": 1000000000001}          | balanceCents
            {"balanceCents": "5"}                    | balanceCents
            {"balanceCents": null}                   | balanceCents
            {}                                       | balanceCents
            """)
    void shouldRefuseAnInvalidBodyNamingTheFieldAndChangeNothing(String body, String field) {
        this.http.put(path(), ADMIN, "{\"balanceCents\": 700}");

        HttpResponse<String> response = this.http.put(path(), ADMIN, body);

        assertValidationProblem(response, field);
        assertAccount(Http.body(this.http.get(path(), READER)), 700);
    }

    @Test
    void shouldRefuseAMissingOrMalformedBody() {
        this.http.put(path(), ADMIN, "{\"balanceCents\": 700}");

        assertProblem(this.http.put(path(), ADMIN, null), 400);
        assertProblem(this.http.put(path(), ADMIN, "{\"balanceCents\": "), 400);
        assertAccount(Http.body(this.http.get(path(), READER)), 700);
    }

    @Test
    void shouldRefuseAnInvalidCustomerIdNamingIt() {
        String tooLong = "C".repeat(101);
        assertValidationProblem(this.http.put("/api/accounts/" + tooLong, ADMIN, "{\"balanceCents\": 1}"),
                "customerId");
        assertValidationProblem(this.http.get("/api/accounts/" + tooLong, READER), "customerId");
        assertValidationProblem(this.http.get("/api/accounts/bad*id", READER), "customerId");
        assertThat(this.http.get("/api/accounts/" + "C".repeat(100), READER).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownAccount() {
        HttpResponse<String> response = this.http.get(path(), READER);
        assertProblem(response, 404);
        assertThat(Http.body(response).get("detail").asString()).contains(this.customerId);
    }

    @Test
    void shouldRequireATokenWithTheRightScope() {
        String body = "{\"balanceCents\": 3}";
        assertProblem(this.http.put(path(), null, body), 401);
        assertProblem(this.http.get(path(), null), 401);
        assertProblem(this.http.put(path(), READER, body), 403);
        assertProblem(this.http.get(path(), TestTokens.issue("operator", "admin")), 403);
        assertProblem(this.http.get(path(), READER), 404);
    }

    @Test
    void shouldListTheEndpointsInTheOpenApiDocument() {
        HttpResponse<String> response = this.http.get("/v3/api-docs", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = Http.body(response).get("paths");
        assertThat(paths.get("/api/accounts/{customerId}").has("get")).isTrue();
        assertThat(paths.get("/api/accounts/{customerId}").has("put")).isTrue();
    }

    private String path() {
        return "/api/accounts/" + this.customerId;
    }

    private void assertAccount(JsonNode account, long balanceCents) {
        assertThat(account.get("customerId").asString()).isEqualTo(this.customerId);
        assertThat(account.get("balanceCents").asLong()).isEqualTo(balanceCents);
        assertThat(account.get("heldCents").asLong()).isZero();
        assertThat(account.get("capturedCents").asLong()).isZero();
    }

    private static void assertValidationProblem(HttpResponse<String> response, String field) {
        assertProblem(response, 400);
        assertThat(Http.body(response).get("errors").findValuesAsString("field")).contains(field);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Http.body(response).get("status").asInt()).isEqualTo(status);
    }

}
