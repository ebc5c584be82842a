package dev.distsys.gateway.balancer;

import java.util.function.Function;

/**
 * Where a consistent-hashing key comes from: {@code header:<name>},
 * {@code path-segment:<index>} (0-based, {@code /api/orders/O-1} has {@code O-1} at 2) or
 * {@code client-id} (the token's subject).
 */
public sealed interface HashKey {

    /** The key of a request, or {@code null} when the request has none. */
    String extract(Function<String, String> header, String path, String clientId);

    static HashKey parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(
                    "a hash key is needed: header:<name>, path-segment:<index> or client-id");
        }
        if (spec.equals("client-id")) {
            return new ClientId();
        }
        if (spec.startsWith("header:") && spec.length() > "header:".length()) {
            return new Header(spec.substring("header:".length()));
        }
        if (spec.startsWith("path-segment:")) {
            try {
                int index = Integer.parseInt(spec.substring("path-segment:".length()));
                if (index >= 0 && index < 64) {
                    return new PathSegment(index);
                }
            }
            catch (NumberFormatException ex) {
                // reported below
            }
        }
        throw new IllegalArgumentException(
                "unknown hash key '" + spec + "': use header:<name>, path-segment:<index 0..63> or client-id");
    }

    record Header(String name) implements HashKey {

        @Override
        public String extract(Function<String, String> header, String path, String clientId) {
            return header.apply(this.name);
        }

    }

    record PathSegment(int index) implements HashKey {

        @Override
        public String extract(Function<String, String> header, String path, String clientId) {
            int segment = -1;
            int start = 0;
            for (int i = 0; i <= path.length(); i++) {
                if (i == path.length() || path.charAt(i) == '/') {
                    if (i > start) {
                        segment++;
                        if (segment == this.index) {
                            return path.substring(start, i);
                        }
                    }
                    start = i + 1;
                }
            }
            return null;
        }

    }

    record ClientId() implements HashKey {

        @Override
        public String extract(Function<String, String> header, String path, String clientId) {
            return clientId;
        }

    }

}
