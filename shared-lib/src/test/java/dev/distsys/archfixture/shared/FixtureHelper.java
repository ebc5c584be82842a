package dev.distsys.archfixture.shared;

import dev.distsys.archfixture.order.FixtureOrder;

/** Breaks the rule on purpose: "shared-lib" code that knows a service. */
public class FixtureHelper {

    FixtureOrder order;

}
