package dev.distsys.order.api;

import java.net.URI;

import dev.distsys.order.order.Order;
import dev.distsys.order.order.OrderRepository;
import dev.distsys.order.order.OrderStatus;
import dev.distsys.order.saga.OrderSagas;
import dev.distsys.shared.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** CONTRACT.md §1 "Orders". */
@RestController
@RequestMapping("/api/orders")
class OrderController {

    private final OrderSagas sagas;

    private final OrderRepository orders;

    OrderController(OrderSagas sagas, OrderRepository orders) {
        this.sagas = sagas;
        this.orders = orders;
    }

    @PostMapping
    ResponseEntity<OrderViews.OrderAccepted> place(
            @RequestHeader("Idempotency-Key") @Pattern(regexp = OrderRequests.ID,
                    message = OrderRequests.ID_MESSAGE) String idempotencyKey,
            @RequestBody @Valid OrderRequests.PlaceOrder request) {
        OrderSagas.Placement placement = this.sagas.place(idempotencyKey, request.hash(), request.customerId(),
                request.toItems());
        Order order = placement.order();
        return ResponseEntity.status(placement.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
            .location(URI.create("/api/orders/" + order.orderId()))
            .body(OrderViews.OrderAccepted.of(order));
    }

    @GetMapping("/{orderId}")
    OrderViews.OrderView get(
            @PathVariable @Pattern(regexp = OrderRequests.ID, message = OrderRequests.ID_MESSAGE) String orderId) {
        return OrderViews.OrderView.of(this.orders.find(orderId).orElseThrow(() -> notFound(orderId)));
    }

    @GetMapping("/{orderId}/saga")
    OrderViews.SagaView saga(
            @PathVariable @Pattern(regexp = OrderRequests.ID, message = OrderRequests.ID_MESSAGE) String orderId) {
        return OrderViews.SagaView.of(this.sagas.sagaOf(orderId).orElseThrow(() -> notFound(orderId)));
    }

    @PostMapping("/{orderId}/cancel")
    ResponseEntity<OrderViews.OrderAccepted> cancel(
            @PathVariable @Pattern(regexp = OrderRequests.ID, message = OrderRequests.ID_MESSAGE) String orderId) {
        OrderSagas.Cancellation cancellation = this.sagas.cancel(orderId);
        return ResponseEntity.status(cancellation.started() ? HttpStatus.ACCEPTED : HttpStatus.OK)
            .body(OrderViews.OrderAccepted.of(cancellation.order()));
    }

    @GetMapping
    OrderViews.OrderPage list(
            @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID,
                    message = OrderRequests.ID_MESSAGE) String customerId,
            @RequestParam(required = false) OrderStatus status,
            @RequestParam(defaultValue = "0") @Min(value = 0, message = "must be at least 0") @Max(value = 100000,
                    message = "must be at most 100000") int page,
            @RequestParam(defaultValue = "50") @Min(value = 1, message = "must be at least 1") @Max(value = 100,
                    message = "must be at most 100") int size) {
        return new OrderViews.OrderPage(
                this.orders.page(customerId, status, page, size).stream().map(OrderViews.OrderView::of).toList(), page,
                size, this.orders.count(customerId, status));
    }

    private static ProblemException notFound(String orderId) {
        return ProblemException.notFound("order " + orderId + " does not exist");
    }

}
