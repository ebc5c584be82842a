package dev.distsys.platform.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * What the load generator does, from its arguments, with bounds on everything.
 *
 * @param direct send to the services' instances instead of through the gateway
 * @param ratePerSecond orders placed per second at most (0: as fast as the concurrency
 * allows), to measure latency at a load the platform sustains rather than a backlog
 */
record LoadSettings(URI gateway, String kafka, int orders, int concurrency, int skus, int customers,
        Duration maxDuration, boolean direct, int ratePerSecond) {

    static final String USAGE = """
            usage: bench/orders.sh [--orders=N (1..1000000, default 2000)] [--concurrency=C (1..1024, default 32)]
                                   [--skus=N (1..10000, default 20)] [--customers=N (1..100000, default 50)]
                                   [--max-seconds=S (1..3600, default 300)] [--direct]
                                   [--rate=R orders/s (0..100000, default 0 = unpaced)]
                                   [--gateway=http://127.0.0.1:8080] [--kafka=127.0.0.1:19092]""";

    private static final List<URI> ORDER_SERVICES = List.of(URI.create("http://127.0.0.1:8081"),
            URI.create("http://127.0.0.1:8091"));

    private static final List<URI> INVENTORY_SERVICES = List.of(URI.create("http://127.0.0.1:8082"),
            URI.create("http://127.0.0.1:8092"));

    private static final List<URI> PAYMENT_SERVICES = List.of(URI.create("http://127.0.0.1:8083"));

    private static final List<URI> SHIPPING_SERVICES = List.of(URI.create("http://127.0.0.1:8084"));

    static LoadSettings parse(String[] args) {
        URI gateway = URI.create("http://127.0.0.1:8080");
        String kafka = "127.0.0.1:19092";
        int orders = 2000;
        int concurrency = 32;
        int skus = 20;
        int customers = 50;
        int maxSeconds = 300;
        boolean direct = false;
        int rate = 0;
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            String value = (pair.length == 2) ? pair[1] : "";
            switch (pair[0]) {
                case "--gateway" -> gateway = URI.create(value);
                case "--kafka" -> kafka = value;
                case "--orders" -> orders = bounded(pair[0], value, 1, 1_000_000);
                case "--concurrency" -> concurrency = bounded(pair[0], value, 1, 1024);
                case "--skus" -> skus = bounded(pair[0], value, 1, 10_000);
                case "--customers" -> customers = bounded(pair[0], value, 1, 100_000);
                case "--max-seconds" -> maxSeconds = bounded(pair[0], value, 1, 3600);
                case "--direct" -> direct = true;
                case "--rate" -> rate = bounded(pair[0], value, 0, 100_000);
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        return new LoadSettings(gateway, kafka, orders, concurrency, skus, customers, Duration.ofSeconds(maxSeconds),
                direct, rate);
    }

    /** The base addresses a path's requests go to. */
    List<URI> targetsFor(String path) {
        if (!this.direct) {
            return List.of(this.gateway);
        }
        if (path.startsWith("/api/inventory")) {
            return INVENTORY_SERVICES;
        }
        if (path.startsWith("/api/accounts")) {
            return PAYMENT_SERVICES;
        }
        return ORDER_SERVICES;
    }

    /** Every service instance, for reading their metrics. */
    List<URI> serviceBases() {
        return java.util.stream.Stream.of(ORDER_SERVICES, INVENTORY_SERVICES, PAYMENT_SERVICES, SHIPPING_SERVICES)
            .flatMap(List::stream)
            .toList();
    }

    private static int bounded(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException(
                    name + " must be a whole number from " + min + " to " + max + ", was '" + value + "'");
        }
    }

}
