package dev.distsys.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP backend on loopback, standing in for one service instance. Answers
 * {@code /actuator/health/**} from {@link #ready} and everything else with
 * {@link #status}, after {@link #delayMs} (or the request's {@code X-Delay-Ms}), naming
 * itself in {@code X-Served-By}. A delayed answer is sent from a timer, so no thread
 * sleeps.
 */
public final class Backend implements AutoCloseable {

    private static final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, (runnable) -> {
        Thread thread = new Thread(runnable, "backend-timer");
        thread.setDaemon(true);
        return thread;
    });

    private final String name;

    private final HttpServer server;

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private final AtomicInteger requests = new AtomicInteger();

    public volatile int status = 200;

    public volatile int postStatus = 0;

    public volatile long delayMs;

    public volatile boolean ready = true;

    public volatile Headers lastHeaders;

    private Backend(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        this.server.setExecutor(this.executor);
        this.server.createContext("/", this::handle);
        this.server.start();
    }

    public static Backend start(String name) {
        try {
            return new Backend(name);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public String name() {
        return this.name;
    }

    public String uri() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort();
    }

    /** {@code /api} requests received. */
    public int requests() {
        return this.requests.get();
    }

    public void reset() {
        this.status = 200;
        this.postStatus = 0;
        this.delayMs = 0;
        this.ready = true;
        this.requests.set(0);
        this.lastHeaders = null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
        }
        if (exchange.getRequestURI().getPath().startsWith("/actuator/health")) {
            respond(exchange, this.ready ? 200 : 503, this.ready ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
            return;
        }
        this.requests.incrementAndGet();
        this.lastHeaders = exchange.getRequestHeaders();
        int answer = ("POST".equals(exchange.getRequestMethod()) && this.postStatus != 0) ? this.postStatus
                : this.status;
        String delayHeader = exchange.getRequestHeaders().getFirst("X-Delay-Ms");
        long delay = (delayHeader != null) ? Long.parseLong(delayHeader) : this.delayMs;
        if (delay <= 0) {
            respond(exchange, answer, this.name);
        }
        else {
            timer.schedule(() -> {
                try {
                    respond(exchange, answer, this.name);
                }
                catch (IOException ex) {
                    exchange.close();
                }
            }, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("X-Served-By", this.name);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        this.server.stop(0);
        this.executor.shutdownNow();
    }

}
