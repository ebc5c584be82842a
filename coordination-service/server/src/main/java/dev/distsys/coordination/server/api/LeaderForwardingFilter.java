package dev.distsys.coordination.server.api;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import dev.distsys.coordination.server.CoordinationProperties;
import dev.distsys.coordination.server.node.RaftDriver;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Any member accepts any request: on a follower, writes and linearizable reads go to the
 * leader over HTTP with the caller's token, and the leader's answer comes back as is.
 * Serializable reads, watches and the cluster view stay local. Also bounds every request
 * body (413) before anything parses it. Runs after the security filters, so a forwarded
 * request was already authenticated here.
 */
@Component
class LeaderForwardingFilter extends OncePerRequestFilter {

    private static final Set<String> COPIED_RESPONSE_HEADERS = Set.of("content-type", "retry-after", "location",
            "x-raft-revision", "x-raft-leader", "x-raft-leader-address", "cache-control");

    private final RaftDriver driver;

    private final CoordinationProperties properties;

    private final Map<Integer, URI> members;

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(1))
        .build();

    LeaderForwardingFilter(RaftDriver driver, CoordinationProperties properties) {
        this.driver = driver;
        this.properties = properties;
        this.members = properties.memberAddresses();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long leader = this.driver.leaderId();
        if (leader != 0) {
            response.setHeader(RaftHeaders.LEADER, String.valueOf(leader));
            URI address = this.members.get((int) leader);
            if (address != null) {
                response.setHeader(RaftHeaders.LEADER_ADDRESS, address.toString());
            }
        }
        if (request.getContentLengthLong() > this.properties.maxRequestBytes()) {
            tooLarge(response);
            return;
        }
        byte[] body = readBounded(request.getInputStream(), this.properties.maxRequestBytes());
        if (body == null) {
            tooLarge(response);
            return;
        }
        HttpServletRequest cached = new CachedBodyRequest(request, body);
        if (staysLocal(request)) {
            chain.doFilter(cached, response);
            return;
        }
        if (leader == 0) {
            Problems.write(response, 503, "unavailable", "Service unavailable",
                    "no leader is known yet (election in progress or no quorum): retry shortly", 1);
            return;
        }
        forward(request, body, this.members.get((int) leader), response);
    }

    private boolean staysLocal(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.startsWith("/v1/watch") || path.startsWith("/v1/cluster")) {
            return true;
        }
        if ("GET".equals(request.getMethod()) && "serializable".equals(request.getParameter("consistency"))) {
            return true;
        }
        return this.driver.isLeader() || request.getHeader(RaftHeaders.FORWARDED) != null;
    }

    private void forward(HttpServletRequest request, byte[] body, URI leader, HttpServletResponse response)
            throws IOException {
        boolean write = !"GET".equals(request.getMethod());
        String query = (request.getQueryString() != null) ? "?" + request.getQueryString() : "";
        long timeoutMs = this.properties.requestTimeoutMs() + 1000L
                + (isWaiting(request) ? this.properties.maxWaitMs() : 0);
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(leader.resolve(request.getRequestURI() + query))
            .timeout(Duration.ofMillis(timeoutMs))
            .method(request.getMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
            .header(RaftHeaders.FORWARDED, String.valueOf(this.driver.id()));
        copyRequestHeader(request, forwarded, "Authorization");
        copyRequestHeader(request, forwarded, "Content-Type");
        copyRequestHeader(request, forwarded, "Accept");
        copyRequestHeader(request, forwarded, RaftHeaders.CLIENT_ID);
        copyRequestHeader(request, forwarded, RaftHeaders.CLIENT_SERIAL);
        HttpResponse<byte[]> answer;
        try {
            answer = this.http.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (ConnectException | HttpConnectTimeoutException ex) {
            Problems.write(response, 503, "unavailable", "Service unavailable",
                    "the leader at " + leader + " cannot be reached: the request was not applied", 1);
            return;
        }
        catch (IOException ex) {
            if (write) {
                Problems.write(response, 504, "timeout", "Timed out", "the leader at " + leader
                        + " did not answer in time: the request may or may not have been applied", 0);
            }
            else {
                Problems.write(response, 503, "unavailable", "Service unavailable",
                        "the leader at " + leader + " did not answer the read in time", 1);
            }
            return;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            Problems.write(response, 503, "unavailable", "Service unavailable", "interrupted", 1);
            return;
        }
        response.setStatus(answer.statusCode());
        answer.headers().map().forEach((name, values) -> {
            if (COPIED_RESPONSE_HEADERS.contains(name.toLowerCase()) && !values.isEmpty()) {
                response.setHeader(name, values.get(0));
            }
        });
        response.getOutputStream().write(answer.body());
    }

    private static boolean isWaiting(HttpServletRequest request) {
        String path = request.getRequestURI();
        return "POST".equals(request.getMethod()) && (path.startsWith("/v1/locks/") || path.endsWith("/campaign"));
    }

    private static void copyRequestHeader(HttpServletRequest request, HttpRequest.Builder forwarded, String name) {
        String value = request.getHeader(name);
        if (value != null) {
            forwarded.header(name, value);
        }
    }

    private static void tooLarge(HttpServletResponse response) throws IOException {
        Problems.write(response, 413, "payload-too-large", "Payload too large",
                "the request body is larger than this member accepts", 0);
    }

    /**
     * @return the body, or null if it is longer than {@code limit}
     */
    private static byte[] readBounded(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        return (bytes.length > limit) ? null : bytes;
    }

    /** The request with its body already read, so that it can be read again. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(this.body);
            return new ServletInputStream() {

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

    }

}
