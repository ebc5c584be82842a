import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container HEALTHCHECK: exit 0 when the app's actuator health path answers 200, 1
 * otherwise. The port is SERVER_PORT (what the app listens on when set) or else APP_PORT
 * (the image's default, its server.port). Usage: {@code java -cp /opt/healthcheck
 * HealthCheck /actuator/health/readiness}.
 */
public final class HealthCheck {

    private HealthCheck() {
    }

    public static void main(String[] args) {
        String path = (args.length > 0) ? args[0] : "/actuator/health/readiness";
        String port = System.getenv("SERVER_PORT");
        if (port == null || port.isBlank()) {
            port = System.getenv().getOrDefault("APP_PORT", "8080");
        }
        URI uri = URI.create("http://127.0.0.1:" + port.trim() + path);
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<Void> response = client.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                System.exit(0);
            }
            System.err.println(uri + " answered " + response.statusCode());
        }
        catch (Exception ex) {
            System.err.println(uri + ": " + ex);
        }
        System.exit(1);
    }

}
