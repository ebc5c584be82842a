package dev.distsys.inventory;

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

/** The inventory endpoints of CONTRACT.md §1 over real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UsesRealInfrastructure(database = "inventory")
class InventoryApiTests {

    private static final String ADMIN = TestTokens.issue("admin", "orders", "admin");

    private static final String READER = TestTokens.issue("demo", "orders");

    @LocalServerPort
    int port;

    private Http http;

    private String sku;

    @BeforeEach
    void setUp() {
        this.http = new Http(this.port);
        this.sku = "SKU-" + UUID.randomUUID();
    }

    @Test
    void shouldSetStockAndPriceAndReadThemBack() {
        HttpResponse<String> put = this.http.put(path(), ADMIN, "{\"available\": 100, \"unitPriceCents\": 1250}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertItem(Http.body(put), 100, 1250);

        HttpResponse<String> get = this.http.get(path(), READER);
        assertThat(get.statusCode()).isEqualTo(200);
        assertItem(Http.body(get), 100, 1250);

        assertThat(this.http.put(path(), ADMIN, "{\"available\": 0, \"unitPriceCents\": 0}").statusCode())
            .isEqualTo(200);
        assertItem(Http.body(this.http.get(path(), READER)), 0, 0);
    }

    @Test
    void shouldAcceptTheBounds() {
        assertThat(
                this.http.put(path(), ADMIN, "{\"available\": 1000000000, \"unitPriceCents\": 100000000}").statusCode())
            .isEqualTo(200);
        assertItem(Http.body(this.http.get(path(), READER)), 1_000_000_000, 100_000_000);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"available": 5, "unitPriceCents": 10, "colour": "red"}    | colour
            {"available": 2.5, "unitPriceCents": 10}                   | available
            {"available": 5, "unitPriceCents": 10.01}                  | unitPriceCents
            {"available": -1, "unitPriceCents": 10}                    | available
            {"available": 5, "unitPriceCents": -10}                    | unitPriceCents
            {"available": 1000000001, "unitPriceCents": 10}            | available
            {"available": 5, "unitPriceCents": 100000001}              | unitPriceCents
            {"available": "five", "unitPriceCents": 10}                | available
            {"unitPriceCents": 10}                                     | available
            {"available": 5}                                           | unitPriceCents
            {"available": null, "unitPriceCents": 10}                  | available
            """)
    void shouldRefuseAnInvalidBodyNamingTheFieldAndChangeNothing(String body, String field) {
        this.http.put(path(), ADMIN, "{\"available\": 7, \"unitPriceCents\": 700}");

        HttpResponse<String> response = this.http.put(path(), ADMIN, body);

        assertValidationProblem(response, field);
        assertItem(Http.body(this.http.get(path(), READER)), 7, 700);
    }

    @Test
    void shouldRefuseAMissingOrMalformedBody() {
        this.http.put(path(), ADMIN, "{\"available\": 7, \"unitPriceCents\": 700}");

        assertProblem(this.http.put(path(), ADMIN, null), 400);
        assertProblem(this.http.put(path(), ADMIN, "{\"available\": 7,"), 400);
        assertProblem(this.http.put(path(), ADMIN, "[1, 2]"), 400);
        assertItem(Http.body(this.http.get(path(), READER)), 7, 700);
    }

    @Test
    void shouldRefuseAnInvalidSkuNamingIt() {
        String tooLong = "S".repeat(101);
        assertValidationProblem(
                this.http.put("/api/inventory/" + tooLong, ADMIN, "{\"available\": 1, \"unitPriceCents\": 1}"), "sku");
        assertValidationProblem(this.http.get("/api/inventory/" + tooLong, READER), "sku");
        assertValidationProblem(this.http.get("/api/inventory/bad*sku", READER), "sku");
        assertThat(this.http.get("/api/inventory/" + "S".repeat(100), READER).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownSku() {
        HttpResponse<String> response = this.http.get(path(), READER);
        assertProblem(response, 404);
        assertThat(Http.body(response).get("detail").asString()).contains(this.sku);
    }

    @Test
    void shouldRequireATokenWithTheRightScope() {
        String body = "{\"available\": 3, \"unitPriceCents\": 30}";
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
        assertThat(paths.get("/api/inventory/{sku}").has("get")).isTrue();
        assertThat(paths.get("/api/inventory/{sku}").has("put")).isTrue();
    }

    private String path() {
        return "/api/inventory/" + this.sku;
    }

    private void assertItem(JsonNode item, long available, long unitPriceCents) {
        assertThat(item.get("sku").asString()).isEqualTo(this.sku);
        assertThat(item.get("available").asLong()).isEqualTo(available);
        assertThat(item.get("reserved").asLong()).isZero();
        assertThat(item.get("sold").asLong()).isZero();
        assertThat(item.get("unitPriceCents").asLong()).isEqualTo(unitPriceCents);
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
