package dev.distsys.gateway.auth;

import org.springframework.http.HttpMethod;

/**
 * The scope an {@code /api/**} request needs (CONTRACT.md §1): {@code orders} to place
 * and read orders and to read stock, accounts and shipments; {@code admin} to change
 * stock or accounts and for anything else under {@code /api}.
 */
final class ScopePolicy {

    static final String ORDERS = "orders";

    static final String ADMIN = "admin";

    private ScopePolicy() {
    }

    static String requiredScope(HttpMethod method, String path) {
        if (under(path, "/api/orders")) {
            return ORDERS;
        }
        boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        if (read && (under(path, "/api/inventory") || under(path, "/api/accounts") || under(path, "/api/shipments"))) {
            return ORDERS;
        }
        return ADMIN;
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/');
    }

}
