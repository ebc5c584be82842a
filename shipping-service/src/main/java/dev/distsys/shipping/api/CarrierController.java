package dev.distsys.shipping.api;

import java.util.List;

import dev.distsys.shared.problem.ProblemException;
import dev.distsys.shipping.carrier.CarrierState;
import dev.distsys.shipping.carrier.Carriers;
import dev.distsys.shipping.carrier.UnknownCarrierException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fault injection: an operator switches carriers off and on, and new shipments move to
 * the carriers still available (or are rejected when none is).
 */
@RestController
@RequestMapping("/api/shipping/carriers")
@Tag(name = "carriers", description = "Configured carriers and their availability (fault injection)")
class CarrierController {

    private final Carriers carriers;

    CarrierController(Carriers carriers) {
        this.carriers = carriers;
    }

    @GetMapping
    @Operation(summary = "Every configured carrier and whether it takes new shipments (scope orders)")
    List<CarrierState> list() {
        return this.carriers.states();
    }

    @PutMapping("/{name}")
    @Operation(summary = "Switch a carrier on or off for new shipments (scope admin)")
    CarrierState put(@PathVariable @Pattern(regexp = ShippingApi.ID, message = ShippingApi.ID_MESSAGE) String name,
            @Valid @RequestBody Availability availability) {
        try {
            return this.carriers.setAvailable(name, availability.available());
        }
        catch (UnknownCarrierException ex) {
            throw ProblemException.notFound(ex.getMessage());
        }
    }

    /** The body of {@code PUT /api/shipping/carriers/{name}}. */
    record Availability(@NotNull Boolean available) {
    }

}
