package dev.distsys.gateway.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.distsys.gateway.web.Problems;
import dev.distsys.shared.problem.ProblemType;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code POST /auth/token} (OAuth 2 client credentials, form or HTTP Basic) and the
 * public keys at {@code GET /.well-known/jwks.json}.
 */
@RestController
class TokenController {

    private final ClientRegistry clients;

    private final Tokens tokens;

    private final Map<String, Object> jwks;

    TokenController(ClientRegistry clients, Tokens tokens, SigningKeys keys) {
        this.clients = clients;
        this.tokens = tokens;
        this.jwks = keys.publicKeys().toJSONObject(true);
    }

    @PostMapping(path = "/auth/token", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Object>> token(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap((form) -> {
            String grantType = form.getFirst("grant_type");
            if (!"client_credentials".equals(grantType)) {
                return Mono.just(problem(exchange, HttpStatus.BAD_REQUEST, Problems.UNSUPPORTED_GRANT_TYPE,
                        "grant_type must be client_credentials"));
            }
            String[] credentials = credentials(exchange.getRequest().getHeaders(), form);
            if (credentials == null) {
                return Mono.just(unauthorized(exchange, "client_id and client_secret are required"));
            }
            return Mono.fromCallable(() -> this.clients.authenticate(credentials[0], credentials[1]))
                .subscribeOn(Schedulers.boundedElastic())
                .map((scopes) -> scopes.map((allowed) -> grant(exchange, credentials[0], allowed, form))
                    .orElseGet(() -> unauthorized(exchange, "unknown client or wrong secret")));
        });
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5))).body(this.jwks);
    }

    private ResponseEntity<Object> grant(ServerWebExchange exchange, String clientId, List<String> allowed,
            MultiValueMap<String, String> form) {
        List<String> scopes = allowed;
        String requested = form.getFirst("scope");
        if (requested != null && !requested.isBlank()) {
            scopes = Arrays.asList(requested.trim().split("\\s+"));
            if (!allowed.containsAll(scopes)) {
                return problem(exchange, HttpStatus.BAD_REQUEST, Problems.INVALID_SCOPE,
                        "client " + clientId + " may request only " + String.join(" ", allowed));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", this.tokens.issue(clientId, scopes));
        body.put("token_type", "Bearer");
        body.put("expires_in", this.tokens.ttl().toSeconds());
        body.put("scope", String.join(" ", scopes));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    /** {client id, secret} from HTTP Basic or the form, or {@code null}. */
    private static String[] credentials(HttpHeaders headers, MultiValueMap<String, String> form) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    return null;
                }
                // RFC 6749 §2.3.1: both parts are form-encoded before Base64.
                return new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                        URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
            }
            catch (IllegalArgumentException ex) {
                return null;
            }
        }
        String id = form.getFirst("client_id");
        String secret = form.getFirst("client_secret");
        return (id != null && secret != null) ? new String[] { id, secret } : null;
    }

    private static ResponseEntity<Object> unauthorized(ServerWebExchange exchange, String detail) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
            .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"gateway\"")
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(new String(Problems.json(HttpStatus.UNAUTHORIZED, ProblemType.UNAUTHORIZED, detail,
                    exchange.getRequest().getPath().value(), Map.of()), StandardCharsets.UTF_8));
    }

    private static ResponseEntity<Object> problem(ServerWebExchange exchange, HttpStatus status, ProblemType type,
            String detail) {
        return ResponseEntity.status(status)
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(new String(Problems.json(status, type, detail, exchange.getRequest().getPath().value(), Map.of()),
                    StandardCharsets.UTF_8));
    }

}
