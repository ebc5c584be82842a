package dev.distsys.inventory.api;

import dev.distsys.inventory.stock.Inventory;
import dev.distsys.inventory.stock.StockItem;
import dev.distsys.shared.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Stock per sku: operators set it, anyone with the {@code orders} scope reads it. */
@RestController
@RequestMapping("/api/inventory")
@Tag(name = "inventory", description = "Stock and price per sku")
class InventoryController {

    static final String ID = "[A-Za-z0-9._:-]{1,100}";

    private final Inventory inventory;

    InventoryController(Inventory inventory) {
        this.inventory = inventory;
    }

    @PutMapping("/{sku}")
    @Operation(summary = "Set the units available and the unit price of a sku (scope admin)")
    StockItem put(
            @PathVariable @Pattern(regexp = ID, message = "must be 1-100 characters of [A-Za-z0-9._:-]") String sku,
            @Valid @RequestBody StockUpdate update) {
        return this.inventory.put(sku, update.available(), update.unitPriceCents());
    }

    @GetMapping("/{sku}")
    @Operation(summary = "The stock of a sku: available, reserved, sold and unit price (scope orders)")
    StockItem get(
            @PathVariable @Pattern(regexp = ID, message = "must be 1-100 characters of [A-Za-z0-9._:-]") String sku) {
        return this.inventory.find(sku).orElseThrow(() -> ProblemException.notFound("sku " + sku + " does not exist"));
    }

}
