package dev.distsys.archfixture.inventory;

/**
 * A class of one "service", used only to prove that the architecture rules catch a
 * violation.
 */
public class FixtureStock {

    public int available() {
        return 1;
    }

}
