package dev.distsys.platform.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The outbox relay's p99 lag per service instance, from its Prometheus metrics. */
final class OutboxLag {

    private static final Pattern P99 = Pattern.compile("^outbox_lag_seconds\\{[^}]*quantile=\"0\\.99\"[^}]*} (\\S+)$",
            Pattern.MULTILINE);

    private OutboxLag() {
    }

    static String read(HttpClient http, List<URI> services, String token) {
        StringJoiner lags = new StringJoiner(", ");
        for (URI service : services) {
            try {
                HttpResponse<String> response = http
                    .send(HttpRequest.newBuilder(service.resolve("/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(5))
                        .header("Authorization", "Bearer " + token)
                        .build(), HttpResponse.BodyHandlers.ofString());
                Matcher p99 = P99.matcher(response.body());
                lags.add(service.getPort() + "="
                        + (p99.find() ? String.format("%.1f ms", Double.parseDouble(p99.group(1)) * 1000) : "n/a"));
            }
            catch (java.io.IOException | RuntimeException ex) {
                lags.add(service.getPort() + "=unreachable");
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return lags.toString();
    }

}
