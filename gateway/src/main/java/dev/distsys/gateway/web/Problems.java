package dev.distsys.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.distsys.shared.problem.ProblemType;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes RFC 9457 problem details from the gateway's filters, where no controller advice
 * runs. Values are strings or numbers; the body is small and written by hand so that a
 * filter needs no codec.
 */
public final class Problems {

    public static final ProblemType RATE_LIMITED = ProblemType.of("rate-limited", "Too many requests");

    public static final ProblemType CIRCUIT_OPEN = ProblemType.of("circuit-open", "Service unavailable");

    public static final ProblemType BAD_GATEWAY = ProblemType.of("bad-gateway", "Bad gateway");

    public static final ProblemType UNSUPPORTED_GRANT_TYPE = ProblemType.of("unsupported-grant-type",
            "Unsupported grant type");

    public static final ProblemType INVALID_SCOPE = ProblemType.of("invalid-scope", "Invalid scope");

    private Problems() {
    }

    /**
     * Writes the problem as the whole response (the caller sets any extra headers first).
     */
    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, ProblemType type, String detail) {
        return write(exchange, status, type, detail, Map.of());
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, ProblemType type, String detail,
            Map<String, ?> extensions) {
        ServerHttpResponse response = exchange.getResponse();
        byte[] body = json(status, type, detail, exchange.getRequest().getPath().value(), extensions);
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    public static byte[] json(HttpStatus status, ProblemType type, String detail, String instance,
            Map<String, ?> extensions) {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"type\":");
        string(json, type.uri().toString());
        json.append(",\"title\":");
        string(json, type.title());
        json.append(",\"status\":").append(status.value());
        json.append(",\"detail\":");
        string(json, detail);
        json.append(",\"instance\":");
        string(json, instance);
        extensions.forEach((name, value) -> {
            json.append(',');
            string(json, name);
            json.append(':');
            if (value instanceof Number number) {
                json.append(number);
            }
            else {
                string(json, String.valueOf(value));
            }
        });
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

}
