package dev.distsys.shared.identity;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adds {@code X-Served-By: <service>/<instance-id>} to every response, before the handler
 * runs, so that error responses and streamed bodies carry it too.
 */
class ServedByFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Served-By";

    private final String servedBy;

    ServedByFilter(ServiceIdentityProperties identity) {
        this.servedBy = identity.servedBy();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, this.servedBy);
        chain.doFilter(request, response);
    }

}
