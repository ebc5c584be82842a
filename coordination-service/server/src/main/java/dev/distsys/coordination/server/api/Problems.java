package dev.distsys.coordination.server.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.distsys.shared.problem.ProblemType;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Problem details written by a filter, before Spring MVC (and its advice) is involved.
 * Details are fixed texts with member addresses only, never caller input.
 */
final class Problems {

    private Problems() {
    }

    static void write(HttpServletResponse response, int status, String slug, String title, String detail,
            int retryAfterSeconds) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        if (retryAfterSeconds > 0) {
            response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }
        String json = "{\"type\":\"" + ProblemType.BASE + slug + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }

}
