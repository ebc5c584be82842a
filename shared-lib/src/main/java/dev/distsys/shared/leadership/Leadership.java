package dev.distsys.shared.leadership;

/**
 * This instance leads {@code role} in {@code term}. Terms of one role strictly increase
 * across leaders, so a term is also a fencing token.
 */
public record Leadership(String role, long term) {

}
