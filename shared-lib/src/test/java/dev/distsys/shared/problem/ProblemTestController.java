package dev.distsys.shared.problem;

import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.server.ContentTooLargeException;

/** Endpoints that fail in every way the advice must answer. */
@RestController
class ProblemTestController {

    private final Validator validator;

    ProblemTestController(Validator validator) {
        this.validator = validator;
    }

    record Item(@NotBlank String sku, @Min(1) @Max(1000) int quantity) {
    }

    record PlaceOrder(@NotBlank String customerId, @Size(min = 1, max = 50) List<@Valid Item> items) {
    }

    @PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    PlaceOrder place(@RequestHeader("Idempotency-Key") @Size(max = 100) String key,
            @Valid @RequestBody PlaceOrder order) {
        return order;
    }

    @GetMapping(path = "/orders/{orderId}", produces = MediaType.APPLICATION_JSON_VALUE)
    String get(@PathVariable @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}") String orderId) {
        throw ProblemException.notFound("order " + orderId + " does not exist");
    }

    @GetMapping("/orders")
    List<String> list(@RequestParam("customerId") String customerId, @RequestParam(defaultValue = "0") int page) {
        return List.of();
    }

    @PostMapping("/kv/{key}")
    void put(@PathVariable String key) {
        throw ProblemException.conflict("revision mismatch").with("currentRevision", 42);
    }

    @PostMapping("/orders/{orderId}/replay")
    void replay(@PathVariable String orderId) {
        throw ProblemException.unprocessable("idempotency key reused with a different body");
    }

    @PostMapping("/duplicates")
    void duplicates() {
        throw ProblemException.invalid(List.of(new FieldViolation("items[1].sku", "duplicate sku")));
    }

    @PostMapping("/service-validation")
    void serviceValidation() {
        Set<ConstraintViolation<PlaceOrder>> violations = this.validator
            .validate(new PlaceOrder("", List.of(new Item("SKU-1", 0))));
        throw new ConstraintViolationException(violations);
    }

    @PostMapping("/upload")
    void upload() {
        throw new MaxUploadSizeExceededException(1024);
    }

    @PostMapping("/too-large")
    void tooLarge() {
        throw new ContentTooLargeException(null);
    }

    @GetMapping("/boom")
    void boom() {
        throw new IllegalStateException("secret internals at /var/lib/db");
    }

}
