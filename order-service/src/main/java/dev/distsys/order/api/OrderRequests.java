package dev.distsys.order.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import dev.distsys.order.order.OrderItem;
import dev.distsys.shared.problem.FieldViolation;
import dev.distsys.shared.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies clients send, validated as CONTRACT.md says. */
final class OrderRequests {

    static final String ID = "[A-Za-z0-9._:-]{1,100}";

    static final String ID_MESSAGE = "must be 1-100 characters of [A-Za-z0-9._:-]";

    private OrderRequests() {
    }

    /** {@code POST /api/orders}. */
    record PlaceOrder(@NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String customerId,
            @NotNull @Size(min = 1, max = 50, message = "must list 1 to 50 items") List<@NotNull @Valid Item> items) {

        /**
         * Duplicate skus are refused rather than merged: the client meant something else.
         */
        List<OrderItem> toItems() {
            Set<String> seen = new HashSet<>();
            List<FieldViolation> duplicates = new ArrayList<>();
            for (int i = 0; i < this.items.size(); i++) {
                if (!seen.add(this.items.get(i).sku())) {
                    duplicates.add(new FieldViolation("items[" + i + "].sku",
                            "repeats sku " + this.items.get(i).sku() + ": list each sku once"));
                }
            }
            if (!duplicates.isEmpty()) {
                throw ProblemException.invalid(duplicates);
            }
            return this.items.stream().map((item) -> new OrderItem(item.sku(), item.quantity(), null)).toList();
        }

        /**
         * A digest of what the request asks for, to tell a retry from a different
         * request.
         */
        String hash() {
            StringBuilder canonical = new StringBuilder(this.customerId);
            this.items.forEach((item) -> canonical.append('\n').append(item.sku()).append('=').append(item.quantity()));
            try {
                return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
            }
            catch (NoSuchAlgorithmException ex) {
                throw new IllegalStateException("SHA-256 is part of every JDK", ex);
            }
        }

    }

    /** One line of {@link PlaceOrder}. */
    record Item(@NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String sku, @NotNull @Min(value = 1,
            message = "must be at least 1") @Max(value = 1000, message = "must be at most 1000") Integer quantity) {
    }

}
