package dev.distsys.payment.api;

import dev.distsys.payment.account.Account;
import dev.distsys.payment.account.Accounts;
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

/** Customers' accounts: operators set balances, anyone with {@code orders} reads them. */
@RestController
@RequestMapping("/api/accounts")
@Tag(name = "accounts", description = "Balance, held and captured money per customer")
class AccountController {

    private static final String ID = "[A-Za-z0-9._:-]{1,100}";

    private static final String ID_MESSAGE = "must be 1-100 characters of [A-Za-z0-9._:-]";

    private final Accounts accounts;

    AccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    @PutMapping("/{customerId}")
    @Operation(summary = "Set the balance of a customer's account, opening it if needed (scope admin)")
    Account put(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String customerId,
            @Valid @RequestBody BalanceUpdate update) {
        return this.accounts.setBalance(customerId, update.balanceCents());
    }

    @GetMapping("/{customerId}")
    @Operation(summary = "A customer's account: balance, held and captured cents (scope orders)")
    Account get(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String customerId) {
        return this.accounts.find(customerId)
            .orElseThrow(() -> ProblemException.notFound("account " + customerId + " does not exist"));
    }

}
