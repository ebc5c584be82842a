package dev.distsys.archfixture.order;

import dev.distsys.archfixture.inventory.FixtureStock;

/**
 * Breaks the rule on purpose: an "order service" class calling into the "inventory
 * service".
 */
public class FixtureOrder {

    int reserve(FixtureStock stock) {
        return stock.available();
    }

}
