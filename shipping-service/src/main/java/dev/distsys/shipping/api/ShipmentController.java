package dev.distsys.shipping.api;

import java.util.List;

import dev.distsys.shipping.shipment.Shipment;
import dev.distsys.shipping.shipment.Shipments;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The shipments of an order. */
@RestController
@RequestMapping("/api/shipments")
@Tag(name = "shipments", description = "Shipments per order")
class ShipmentController {

    private final Shipments shipments;

    ShipmentController(Shipments shipments) {
        this.shipments = shipments;
    }

    @GetMapping
    @Operation(summary = "The shipments of an order, oldest first (scope orders)")
    List<Shipment> ofOrder(
            @RequestParam @Pattern(regexp = ShippingApi.ID, message = ShippingApi.ID_MESSAGE) String orderId) {
        return this.shipments.ofOrder(orderId);
    }

}
