package dev.distsys.gateway.web;

import java.util.Map;

import dev.distsys.shared.problem.ProblemType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses an {@code /api/**} request body over {@code gateway.max-request-body-size} with
 * 413, and otherwise reads the body into memory once, so that a retry can send it again.
 * Bounded: at most the limit per request in flight.
 */
@Component
public class BodyLimitWebFilter implements WebFilter, Ordered {

    private final int maxBytes;

    BodyLimitWebFilter(@Value("${gateway.max-request-body-size:256KB}") DataSize maxSize) {
        if (maxSize.toBytes() < 1 || maxSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("gateway.max-request-body-size must be 1B..2GB, was " + maxSize);
        }
        this.maxBytes = (int) maxSize.toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!request.getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        HttpHeaders headers = request.getHeaders();
        long length = headers.getContentLength();
        if (length > this.maxBytes) {
            return tooLarge(exchange);
        }
        if (length == 0 || (length < 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING))) {
            return chain.filter(exchange);
        }
        return DataBufferUtils.join(request.getBody(), this.maxBytes).map((joined) -> {
            byte[] bytes = new byte[joined.readableByteCount()];
            joined.read(bytes);
            DataBufferUtils.release(joined);
            return bytes;
        })
            .defaultIfEmpty(new byte[0])
            .flatMap((bytes) -> chain.filter(exchange.mutate()
                .request(new CachedBody(request, bytes, exchange.getResponse().bufferFactory()))
                .build()))
            .onErrorResume(DataBufferLimitException.class, (ex) -> tooLarge(exchange));
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, ProblemType.PAYLOAD_TOO_LARGE,
                "The request body exceeds " + this.maxBytes + " bytes", Map.of("maxBytes", this.maxBytes));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 30;
    }

    /** A request whose body can be read once per attempt. */
    private static final class CachedBody extends ServerHttpRequestDecorator {

        private final byte[] body;

        private final DataBufferFactory buffers;

        CachedBody(ServerHttpRequest delegate, byte[] body, DataBufferFactory buffers) {
            super(delegate);
            this.body = body;
            this.buffers = buffers;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.defer(() -> Flux.just(this.buffers.wrap(this.body)));
        }

    }

}
