package dev.distsys.gateway.auth;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

class ScopePolicyTests {

    @Test
    void shouldNeedOrdersForOrdersAndReads() {
        assertThat(ScopePolicy.requiredScope(HttpMethod.POST, "/api/orders")).isEqualTo("orders");
        assertThat(ScopePolicy.requiredScope(HttpMethod.POST, "/api/orders/O-1/cancel")).isEqualTo("orders");
        assertThat(ScopePolicy.requiredScope(HttpMethod.GET, "/api/inventory/SKU-1")).isEqualTo("orders");
        assertThat(ScopePolicy.requiredScope(HttpMethod.GET, "/api/accounts/C-1")).isEqualTo("orders");
        assertThat(ScopePolicy.requiredScope(HttpMethod.GET, "/api/shipments")).isEqualTo("orders");
    }

    @Test
    void shouldNeedAdminForWritesAndEverythingElse() {
        assertThat(ScopePolicy.requiredScope(HttpMethod.PUT, "/api/inventory/SKU-1")).isEqualTo("admin");
        assertThat(ScopePolicy.requiredScope(HttpMethod.DELETE, "/api/accounts/C-1")).isEqualTo("admin");
        assertThat(ScopePolicy.requiredScope(HttpMethod.GET, "/api/ordersx")).isEqualTo("admin");
        assertThat(ScopePolicy.requiredScope(HttpMethod.GET, "/api/faults")).isEqualTo("admin");
    }

}
