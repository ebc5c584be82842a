package dev.distsys.shared.problem;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The advice as a service's {@code @WebMvcTest} gets it: registered by the slice's
 * auto-configuration imports, with strict JSON.
 */
@WebMvcTest
@Import(ProblemTestController.class)
@ExtendWith(OutputCaptureExtension.class)
class ProblemDetailsAdviceTests {

    private static final String VALID = """
            {"customerId": "C-1", "items": [{"sku": "SKU-1", "quantity": 2}]}""";

    @Autowired
    private MockMvc mvc;

    @Test
    void shouldAcceptAValidRequest() throws Exception {
        place(VALID).andExpect(status().isOk()).andExpect(jsonPath("$.customerId").value("C-1"));
    }

    @Test
    void shouldListBeanValidationErrorsByField() throws Exception {
        place("""
                {"customerId": "", "items": [{"sku": "SKU-1", "quantity": 0}]}""")
            .andExpect(problem(400, "validation", "Validation failed", "/orders"))
            .andExpect(jsonPath("$.detail").value("2 fields are invalid"))
            .andExpect(jsonPath("$.errors[?(@.field == 'customerId')].message").value("must not be blank"))
            .andExpect(jsonPath("$.errors[?(@.field == 'items[0].quantity')].message")
                .value("must be greater than or equal to 1"));
    }

    @Test
    void shouldNameTheFieldOfAWrongJsonType() throws Exception {
        placeExpectingField("""
                {"customerId": "C-1", "items": [{"sku": "SKU-1", "quantity": "two"}]}""", "items[0].quantity",
                "must be an integer");
    }

    @Test
    void shouldRefuseAFractionForAnInteger() throws Exception {
        placeExpectingField("""
                {"customerId": "C-1", "items": [{"sku": "SKU-1", "quantity": 2.5}]}""", "items[0].quantity",
                "must be an integer");
    }

    @Test
    void shouldRefuseANumberForAString() throws Exception {
        placeExpectingField("""
                {"customerId": 17, "items": [{"sku": "SKU-1", "quantity": 2}]}""", "customerId", "must be a string");
    }

    @Test
    void shouldRefuseNullForAPrimitive() throws Exception {
        placeExpectingField("""
                {"customerId": "C-1", "items": [{"sku": "SKU-1", "quantity": null}]}""", "items[0].quantity",
                "must not be null");
    }

    @Test
    void shouldRefuseAnUnknownField() throws Exception {
        placeExpectingField("""
                {"customerId": "C-1", "items": [{"sku": "SKU-1", "quantity": 2, "colour": "red"}]}""",
                "items[0].colour", "unknown field");
    }

    @Test
    void shouldAnswerMalformedJsonWithoutAField() throws Exception {
        place("{\"customerId\": ").andExpect(problem(400, "malformed-request", "Malformed request", "/orders"))
            .andExpect(jsonPath("$.errors").doesNotExist());
    }

    @Test
    void shouldNameAMissingHeader() throws Exception {
        this.mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(VALID))
            .andExpect(problem(400, "validation", "Validation failed", "/orders"))
            .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"))
            .andExpect(jsonPath("$.errors[0].message").value("header is required"));
    }

    @Test
    void shouldNameAnInvalidHeaderOrPathVariable() throws Exception {
        this.mvc
            .perform(post("/orders").header("Idempotency-Key", "k".repeat(101))
                .contentType(MediaType.APPLICATION_JSON)
                .content(VALID))
            .andExpect(problem(400, "validation", "Validation failed", "/orders"))
            .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        this.mvc.perform(get("/orders/bad id"))
            .andExpect(problem(400, "validation", "Validation failed", "/orders/bad%20id"))
            .andExpect(jsonPath("$.errors[0].field").value("orderId"));
    }

    @Test
    void shouldNameAMissingOrMistypedQueryParameter() throws Exception {
        this.mvc.perform(get("/orders"))
            .andExpect(problem(400, "validation", "Validation failed", "/orders"))
            .andExpect(jsonPath("$.errors[0].field").value("customerId"));
        this.mvc.perform(get("/orders").param("customerId", "C-1").param("page", "first"))
            .andExpect(problem(400, "validation", "Validation failed", "/orders"))
            .andExpect(jsonPath("$.errors[0].field").value("page"))
            .andExpect(jsonPath("$.errors[0].message").value("must be a valid int"));
    }

    @Test
    void shouldListServiceLayerConstraintViolations() throws Exception {
        this.mvc.perform(post("/service-validation"))
            .andExpect(problem(400, "validation", "Validation failed", "/service-validation"))
            .andExpect(jsonPath("$.errors[0].field").value("customerId"))
            .andExpect(jsonPath("$.errors[1].field").value("items[0].quantity"));
    }

    @Test
    void shouldRenderDomainProblems() throws Exception {
        this.mvc.perform(get("/orders/O-404"))
            .andExpect(problem(404, "not-found", "Not found", "/orders/O-404"))
            .andExpect(jsonPath("$.detail").value("order O-404 does not exist"));
        this.mvc.perform(post("/kv/a"))
            .andExpect(problem(409, "conflict", "Conflict", "/kv/a"))
            .andExpect(jsonPath("$.currentRevision").value(42));
        this.mvc.perform(post("/orders/O-1/replay"))
            .andExpect(problem(422, "unprocessable", "Unprocessable request", "/orders/O-1/replay"));
        this.mvc.perform(post("/duplicates"))
            .andExpect(problem(400, "validation", "Validation failed", "/duplicates"))
            .andExpect(jsonPath("$.errors[0].field").value("items[1].sku"));
    }

    @Test
    void shouldAnswerFrameworkErrorsWithPlatformTypes() throws Exception {
        this.mvc.perform(get("/no/such/path")).andExpect(problem(404, "not-found", "Not found", "/no/such/path"));
        this.mvc.perform(delete("/orders"))
            .andExpect(problem(405, "method-not-allowed", "Method not allowed", "/orders"));
        this.mvc
            .perform(post("/orders").header("Idempotency-Key", "k").contentType(MediaType.TEXT_PLAIN).content("hello"))
            .andExpect(problem(415, "unsupported-media-type", "Unsupported media type", "/orders"));
        this.mvc.perform(get("/orders/O-1").accept(MediaType.APPLICATION_XML)).andExpect(status().isNotAcceptable());
        this.mvc.perform(post("/upload")).andExpect(problem(413, "payload-too-large", "Payload too large", "/upload"));
        this.mvc.perform(post("/too-large"))
            .andExpect(problem(413, "payload-too-large", "Payload too large", "/too-large"));
    }

    @Test
    void shouldHideUnexpectedErrorsBehindAnIdThatIsLogged(CapturedOutput output) throws Exception {
        String body = this.mvc.perform(get("/boom"))
            .andExpect(problem(500, "internal", "Internal error", "/boom"))
            .andExpect(content().string(not(containsString("secret"))))
            .andExpect(content().string(not(containsString("IllegalStateException"))))
            .andReturn()
            .getResponse()
            .getContentAsString();
        String errorId = body.replaceAll(".*\"errorId\":\"([^\"]+)\".*", "$1");
        assertThat(errorId).hasSize(36);
        assertThat(output).contains("Unexpected error " + errorId).contains("secret internals");
    }

    private ResultActions place(String body) throws Exception {
        return this.mvc.perform(post("/orders").header("Idempotency-Key", "key-1")
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
    }

    private void placeExpectingField(String body, String field, String message) throws Exception {
        place(body).andExpect(problem(400, "validation", "Validation failed", "/orders"))
            .andExpect(jsonPath("$.errors.length()").value(1))
            .andExpect(jsonPath("$.errors[0].field").value(field))
            .andExpect(jsonPath("$.errors[0].message").value(message));
    }

    private static ResultMatcher problem(int status, String slug, String title, String instance) {
        return all(status().is(status), content().contentType(MediaType.APPLICATION_PROBLEM_JSON),
                jsonPath("$.type").value(ProblemType.BASE + slug), jsonPath("$.title").value(title),
                jsonPath("$.status").value(status), jsonPath("$.detail").isNotEmpty(),
                jsonPath("$.instance").value(instance));
    }

    private static ResultMatcher all(ResultMatcher... matchers) {
        return (result) -> {
            for (ResultMatcher matcher : matchers) {
                matcher.match(result);
            }
        };
    }

}
