package dev.distsys.shipping;

import dev.distsys.shared.testing.Http;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import dev.distsys.shared.testing.TestTokens;
import dev.distsys.shared.testing.UsesRealInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipping endpoints over real HTTP: shipments of an order, carriers and their fault
 * injection.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UsesRealInfrastructure(database = "shipping")
class ShippingApiTests {

    private static final String ADMIN = TestTokens.issue("admin", "orders", "admin");

    private static final String READER = TestTokens.issue("demo", "orders");

    @LocalServerPort
    int port;

    private Http http;

    @BeforeEach
    void setUp() {
        this.http = new Http(this.port);
    }

    @AfterEach
    void switchEveryCarrierOn() {
        for (String carrier : List.of("parcel-north", "parcel-south", "parcel-east")) {
            this.http.put("/api/shipping/carriers/" + carrier, ADMIN, "{\"available\": true}");
        }
    }

    @Test
    void shouldListNoShipmentsOfAnOrderWithoutAny() {
        HttpResponse<String> response = this.http.get("/api/shipments?orderId=O-" + UUID.randomUUID(), READER);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.body(response).isArray()).isTrue();
        assertThat(Http.body(response)).isEmpty();
    }

    @Test
    void shouldRequireAValidOrderIdNamingIt() {
        assertValidationProblem(this.http.get("/api/shipments", READER), "orderId");
        assertValidationProblem(this.http.get("/api/shipments?orderId=", READER), "orderId");
        assertValidationProblem(this.http.get("/api/shipments?orderId=" + "O".repeat(101), READER), "orderId");
        assertValidationProblem(this.http.get("/api/shipments?orderId=bad*id", READER), "orderId");
    }

    @Test
    void shouldListTheConfiguredCarriersAndSwitchThemOffAndOn() {
        JsonNode carriers = Http.body(this.http.get("/api/shipping/carriers", READER));
        assertThat(carriers.findValuesAsString("name")).containsExactly("parcel-east", "parcel-north", "parcel-south");
        assertThat(carriers.findValues("available"))
            .allSatisfy((available) -> assertThat(available.asBoolean()).isTrue());

        HttpResponse<String> off = this.http.put("/api/shipping/carriers/parcel-north", ADMIN,
                "{\"available\": false}");
        assertThat(off.statusCode()).isEqualTo(200);
        assertThat(Http.body(off).get("name").asString()).isEqualTo("parcel-north");
        assertThat(Http.body(off).get("available").asBoolean()).isFalse();
        assertThat(availability("parcel-north")).isFalse();
        assertThat(availability("parcel-south")).isTrue();

        this.http.put("/api/shipping/carriers/parcel-north", ADMIN, "{\"available\": true}");
        assertThat(availability("parcel-north")).isTrue();
    }

    @Test
    void shouldAnswerNotFoundForAnUnconfiguredCarrier() {
        assertProblem(this.http.put("/api/shipping/carriers/parcel-moon", ADMIN, "{\"available\": false}"), 404);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"available": false, "reason": "storm"}   | reason
            {"available": "no"}                       | available
            {"available": 0}                          | available
            {"available": null}                       | available
            {}                                        | available
            """)
    void shouldRefuseAnInvalidAvailabilityNamingTheFieldAndChangeNothing(String body, String field) {
        assertValidationProblem(this.http.put("/api/shipping/carriers/parcel-north", ADMIN, body), field);
        assertThat(availability("parcel-north")).isTrue();
    }

    @Test
    void shouldRefuseAnInvalidCarrierNameOrAMissingBody() {
        assertValidationProblem(this.http.put("/api/shipping/carriers/bad*name", ADMIN, "{\"available\": false}"),
                "name");
        assertProblem(this.http.put("/api/shipping/carriers/parcel-north", ADMIN, null), 400);
        assertThat(availability("parcel-north")).isTrue();
    }

    @Test
    void shouldRequireATokenWithTheRightScope() {
        assertProblem(this.http.get("/api/shipments?orderId=O-1", null), 401);
        assertProblem(this.http.get("/api/shipping/carriers", null), 401);
        assertProblem(this.http.put("/api/shipping/carriers/parcel-north", READER, "{\"available\": false}"), 403);
        assertProblem(this.http.get("/api/shipments?orderId=O-1", TestTokens.issue("operator", "admin")), 403);
        assertThat(availability("parcel-north")).isTrue();
    }

    @Test
    void shouldListTheEndpointsInTheOpenApiDocument() {
        JsonNode paths = Http.body(this.http.get("/v3/api-docs", null)).get("paths");
        assertThat(paths.get("/api/shipments").has("get")).isTrue();
        assertThat(paths.get("/api/shipping/carriers").has("get")).isTrue();
        assertThat(paths.get("/api/shipping/carriers/{name}").has("put")).isTrue();
    }

    private boolean availability(String carrier) {
        for (JsonNode state : Http.body(this.http.get("/api/shipping/carriers", READER))) {
            if (carrier.equals(state.get("name").asString())) {
                return state.get("available").asBoolean();
            }
        }
        throw new AssertionError("no carrier " + carrier);
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
