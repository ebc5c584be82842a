package dev.distsys.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml, .env.example and monitoring/ agree with the apps and with each
 * other.
 */
class ComposeTests {

    private static final Logger log = LoggerFactory.getLogger(ComposeTests.class);

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?[-?][^}]*)?}");

    private static final Map<String, Object> COMPOSE = App.yaml(Repository.path("docker-compose.yml"));

    /** compose service -> the app it runs. */
    private static final Map<String, String> APPS = Map.of("order-service-1", "order-service", "order-service-2",
            "order-service", "inventory-service-1", "inventory-service", "inventory-service-2", "inventory-service",
            "payment-service", "payment-service", "shipping-service", "shipping-service", "gateway", "gateway",
            "coordination-1", "coordination-server", "coordination-2", "coordination-server", "coordination-3",
            "coordination-server");

    @Test
    void shouldRunTheWholePlatform() {
        assertThat(services().keySet()).containsExactlyInAnyOrderElementsOf(
                union(APPS.keySet(), Set.of("postgres", "kafka", "prometheus", "grafana")));
        assertThat(ports("gateway")).containsExactly("8080:8080");
        for (int member = 1; member <= 3; member++) {
            assertThat(volumes("coordination-" + member)).anyMatch((v) -> v.endsWith(":/var/lib/coordination"));
        }
        assertThat(env("kafka")).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
    }

    @Test
    void shouldPinEveryImage() {
        services().forEach((name, service) -> {
            String image = String.valueOf(service.get("image"));
            if (APPS.containsKey(name)) {
                App app = App.byArtifact(APPS.get(name));
                assertThat(image).isEqualTo("distsys/" + app.artifactId() + ":${PLATFORM_VERSION:-0.1.0-SNAPSHOT}");
            }
            else {
                assertThat(Images.isPinned(image)).as("%s image %s", name, image).isTrue();
            }
        });
    }

    @Test
    void shouldConvergeThroughHealthChecksAndDependencies() {
        services().forEach((name, service) -> {
            assertThat(service.get("healthcheck")).as("%s healthcheck", name).isNotNull();
            Object dependsOn = service.get("depends_on");
            if (dependsOn != null) {
                assertThat(dependsOn).as("%s depends_on with conditions", name).isInstanceOf(Map.class);
                ((Map<?, ?>) dependsOn).forEach((dependency, condition) -> {
                    assertThat(services()).containsKey(String.valueOf(dependency));
                    assertThat(((Map<?, ?>) condition).get("condition")).isEqualTo("service_healthy");
                });
            }
        });
        for (String name : APPS.keySet()) {
            if (!name.startsWith("coordination") && !name.equals("gateway")) {
                assertThat(strings(((Map<?, ?>) services().get(name).get("depends_on")).keySet()))
                    .containsOnly("postgres", "kafka");
            }
            String test = String.join(" ", healthcheck(name));
            assertThat(test).contains("HealthCheck", App.readinessPath());
            int grace = Integer
                .parseInt(String.valueOf(services().get(name).get("stop_grace_period")).replace("s", ""));
            assertThat(grace).as("%s stop_grace_period", name).isGreaterThan(App.shutdownSeconds());
        }
        assertThat(strings(((Map<?, ?>) services().get("gateway").get("depends_on")).keySet()))
            .containsExactlyInAnyOrder("order-service-1", "order-service-2", "inventory-service-1",
                    "inventory-service-2", "payment-service", "shipping-service");
    }

    @Test
    void shouldTakeEverySecretFromTheEnvFile() {
        Set<String> example = envExample().keySet();
        Matcher matcher = VARIABLE.matcher(Repository.read("docker-compose.yml"));
        Set<String> used = new LinkedHashSet<>();
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        assertThat(example).containsAll(used);
        assertThat(used).containsAll(example);
        services().forEach((name, service) -> env(name).forEach((key, value) -> {
            if (key.matches(".*(PASSWORD|SECRET|PEM).*")) {
                assertThat(value).as("%s %s comes from .env", name, key).startsWith("${");
            }
        }));
        assertThat(Repository.read("docker-compose.yml")).doesNotContain("latest");
    }

    @Test
    void shouldNameOnlyPropertiesTheAppsRead() {
        Set<String> imageVariables = imageVariables();
        APPS.forEach((name, artifact) -> {
            App app = App.byArtifact(artifact);
            env(name).keySet()
                .forEach((key) -> assertThat(app.readsEnvironmentVariable(key) || imageVariables.contains(key))
                    .as("%s: %s is a property of %s or a variable of the image", name, key, artifact)
                    .isTrue());
        });
        App gateway = App.byArtifact("gateway");
        Map<String, Object> config = App.flatten(App.yaml(Repository.path("docker/config/gateway.yml")));
        config.keySet()
            .forEach((key) -> assertThat(gateway.readsProperty(key)).as("docker/config/gateway.yml %s", key).isTrue());
        assertThat(volumes("gateway")).contains("./docker/config/gateway.yml:/config/application.yml:ro");
        assertThat(env("gateway")).containsEntry("SPRING_CONFIG_ADDITIONAL_LOCATION", "optional:file:/config/");
    }

    @Test
    void shouldPointEveryAddressAtARealServiceAndPort() {
        Map<String, Object> gatewayConfig = App.yaml(Repository.path("docker/config/gateway.yml"));
        Map<?, ?> instances = (Map<?, ?>) App.flattenPath(gatewayConfig,
                "spring.cloud.discovery.client.simple.instances");
        assertThat(strings(instances.keySet())).containsExactlyInAnyOrder("order-service", "inventory-service",
                "payment-service", "shipping-service");
        instances.forEach((service, list) -> {
            List<String> expected = APPS.entrySet()
                .stream()
                .filter((e) -> e.getValue().equals(service))
                .map((e) -> "http://" + e.getKey() + ":" + App.byArtifact((String) service).port())
                .sorted()
                .toList();
            assertThat(((List<?>) list).stream().map((i) -> ((Map<?, ?>) i).get("uri")).sorted().toList())
                .as("discovery of %s", service)
                .isEqualTo(expected);
        });
        APPS.forEach((name, artifact) -> {
            if (!artifact.equals("gateway") && !artifact.equals("coordination-server")) {
                assertThat(env(name)).containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                    .containsEntry("PLATFORM_SECURITY_JWK_SET_URI", "http://gateway:8080/.well-known/jwks.json");
                assertThat(env(name).get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://postgres:5432/");
            }
        });
        // Every coordination member is listed once, with its own id, on the port the
        // member listens on.
        String members = env("coordination-1").get("COORDINATION_MEMBERS");
        int port = App.byArtifact("coordination-server").port();
        assertThat(members).isEqualTo("1=http://coordination-1:" + port + ",2=http://coordination-2:" + port
                + ",3=http://coordination-3:" + port);
        for (int member = 1; member <= 3; member++) {
            assertThat(env("coordination-" + member)).containsEntry("COORDINATION_MEMBER_ID", String.valueOf(member))
                .containsEntry("COORDINATION_MEMBERS", members);
        }
        // The databases the init script creates are those the services connect to, as
        // their owners.
        String init = Repository.read("docker/postgres/init-databases.sh");
        APPS.forEach((name, artifact) -> {
            String url = env(name).get("SPRING_DATASOURCE_URL");
            if (url != null) {
                String database = url.substring(url.lastIndexOf('/') + 1);
                assertThat(init).contains("create " + database + " ");
                assertThat(env(name)).containsEntry("SPRING_DATASOURCE_USERNAME", database);
            }
        });
        // Prometheus scrapes every app container on its port, with a token of scope
        // metrics.
        Map<String, Object> prometheus = App.yaml(Repository.path("monitoring/prometheus/prometheus.yml"));
        Set<String> targets = new LinkedHashSet<>();
        for (Object job : (List<?>) prometheus.get("scrape_configs")) {
            Map<?, ?> map = (Map<?, ?>) job;
            assertThat(map.get("metrics_path")).isEqualTo("/actuator/prometheus");
            Map<?, ?> oauth2 = (Map<?, ?>) map.get("oauth2");
            assertThat(oauth2.get("token_url")).isEqualTo("http://gateway:8080/auth/token");
            assertThat(strings((List<?>) oauth2.get("scopes"))).containsExactly("metrics");
            for (Object config : (List<?>) map.get("static_configs")) {
                ((List<?>) ((Map<?, ?>) config).get("targets")).forEach((t) -> targets.add(String.valueOf(t)));
            }
        }
        Set<String> expectedTargets = new LinkedHashSet<>();
        APPS.forEach((name, artifact) -> expectedTargets.add(name + ":" + App.byArtifact(artifact).port()));
        assertThat(targets).containsExactlyInAnyOrderElementsOf(expectedTargets);
        assertThat(Repository.read("docker-compose.yml")).contains("/run/secrets-prometheus/client-secret");
    }

    @Test
    void shouldChartMetricsTheAppsPublish() throws IOException {
        Map<String, String> meters = Map.of("saga_started_total", "saga.started", "saga_ended_total", "saga.ended",
                "outbox_lag_seconds", "outbox.lag", "raft_term", "raft.term", "raft_commit_index", "raft.commit.index",
                "raft_apply_index", "raft.apply.index", "raft_apply_lag", "raft.apply.lag");
        StringBuilder sources = new StringBuilder();
        for (String dir : List.of("order-service", "shared-lib", "coordination-service/server")) {
            try (var files = Files.walk(Repository.path(dir + "/src/main/java"))) {
                for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
                    sources.append(Files.readString(file));
                }
            }
        }
        StringBuilder expressions = new StringBuilder();
        try (var files = Files.list(Repository.path("monitoring/grafana/dashboards"))) {
            for (Path file : files.toList()) {
                String json = Files.readString(file);
                assertThat(json).contains("\"uid\": \"prometheus\"");
                expressions.append(json);
            }
        }
        meters.forEach((metric, meter) -> {
            assertThat(expressions).as("a dashboard charts %s", metric).contains(metric);
            assertThat(sources).as("an app registers %s", meter).contains("\"" + meter + "\"");
        });
        assertThat(expressions).contains("resilience4j_circuitbreaker_state", "http_server_requests_seconds_count");
        Map<String, Object> datasource = App
            .yaml(Repository.path("monitoring/grafana/provisioning/datasources/prometheus.yml"));
        assertThat(String.valueOf(datasource)).contains("uid=prometheus", "url=http://prometheus:9090");
    }

    @Test
    void shouldBeValidForDockerComposeConfig(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Manifests.onPath("docker-compose"), () -> {
            log.warn(
                    "docker-compose is not on the PATH (Debian package docker-compose): skipping `docker-compose config`");
            return "docker-compose is not installed";
        });
        StringBuilder env = new StringBuilder();
        envExample().forEach((key, value) -> env.append(key)
            .append('=')
            .append(value.isEmpty() ? "placeholder-for-config-check" : value)
            .append('\n'));
        Path envFile = dir.resolve("env");
        Files.writeString(envFile, env);
        Process process = new ProcessBuilder("docker-compose", "--env-file", envFile.toString(), "-f",
                Repository.path("docker-compose.yml").toString(), "config", "-q")
            .redirectErrorStream(true)
            .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static Map<String, String> envExample() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Repository.read(".env.example").lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String value = line.substring(line.indexOf('=') + 1);
                if (value.startsWith("'") && value.endsWith("'")) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put(line.substring(0, line.indexOf('=')), value);
            }
        }
        return values;
    }

    /** Variables the image itself reads (docker/run.sh, the health check). */
    private static Set<String> imageVariables() {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = Pattern.compile("\\$\\{?([A-Z_]+)|getenv\\(\"([A-Z_]+)\"|getOrDefault\\(\"([A-Z_]+)\"")
            .matcher(Repository.read("docker/run.sh") + Repository.read("docker/healthcheck/HealthCheck.java"));
        while (matcher.find()) {
            for (int group = 1; group <= 3; group++) {
                if (matcher.group(group) != null) {
                    names.add(matcher.group(group));
                }
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) COMPOSE.get("services");
    }

    private static Map<String, String> env(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object value = services().get(service).get("environment");
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        }
        return env;
    }

    private static List<String> ports(String service) {
        return ((List<?>) services().get(service).get("ports")).stream().map(String::valueOf).toList();
    }

    private static List<String> volumes(String service) {
        return ((List<?>) services().get(service).get("volumes")).stream().map(String::valueOf).toList();
    }

    private static List<String> healthcheck(String service) {
        Map<?, ?> healthcheck = (Map<?, ?>) services().get(service).get("healthcheck");
        return ((List<?>) healthcheck.get("test")).stream().map(String::valueOf).toList();
    }

    private static List<String> strings(java.util.Collection<?> values) {
        return values.stream().map(String::valueOf).toList();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

}
