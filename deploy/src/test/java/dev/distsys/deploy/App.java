package dev.distsys.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * One deployable app of the reactor, read from its sources: its image name, its
 * configured port, the health paths it exposes and every configuration property it reads
 * (its application*.yml, shared-lib's platform-defaults.properties and the
 * {@code @ConfigurationProperties} records of the app and of shared-lib).
 */
record App(String module, String artifactId, int port, Set<String> properties, Set<String> propertyPrefixes) {

    /** Property names Spring Boot itself reads that the deployment files use. */
    private static final Set<String> BOOT_PROPERTIES = Set.of("spring.config.additional-location",
            "spring.config.import", "spring.profiles.active");

    private static final Pattern CONFIGURATION_PROPERTIES = Pattern
        .compile("@ConfigurationProperties\\(\"([a-z0-9.-]+)\"\\)\\s*public\\s+record\\s+\\w+\\s*\\(");

    static final List<App> ALL = List.of(load("order-service", "order-service"),
            load("inventory-service", "inventory-service"), load("payment-service", "payment-service"),
            load("shipping-service", "shipping-service"), load("gateway", "gateway"),
            load("coordination-service/server", "coordination-server"));

    static App byArtifact(String artifactId) {
        return ALL.stream()
            .filter((app) -> app.artifactId.equals(artifactId))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no app " + artifactId));
    }

    /** The app whose image is {@code [registry/]distsys/<artifactId>:tag}. */
    static App byImage(String image) {
        String repository = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = repository.lastIndexOf(':');
        if (colon > repository.lastIndexOf('/')) {
            repository = repository.substring(0, colon);
        }
        String name = repository.substring(repository.lastIndexOf('/') + 1);
        return byArtifact(name);
    }

    static boolean isPlatformImage(String image) {
        return image.matches("(.+/)?distsys/[a-z-]+([:@].*)?");
    }

    /** Shared-lib's defaults: the lowest-precedence configuration of every app. */
    static Properties platformDefaults() {
        Properties properties = new Properties();
        try (var in = Files
            .newInputStream(Repository.path("shared-lib/src/main/resources/platform-defaults.properties"))) {
            properties.load(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return properties;
    }

    /**
     * The liveness health path the apps expose (probes group, under the actuator base
     * path).
     */
    static String livenessPath() {
        return healthGroupPath("liveness");
    }

    static String readinessPath() {
        return healthGroupPath("readiness");
    }

    private static String healthGroupPath(String group) {
        Properties defaults = platformDefaults();
        if (!"true".equals(defaults.getProperty("management.endpoint.health.probes.enabled"))) {
            throw new IllegalStateException("health probes are not enabled in platform-defaults.properties");
        }
        String exposed = defaults.getProperty("management.endpoints.web.exposure.include", "");
        if (!List.of(exposed.split(",")).contains("health")) {
            throw new IllegalStateException("the health endpoint is not exposed");
        }
        if (defaults.getProperty("management.endpoint.health.group." + group + ".include") == null) {
            throw new IllegalStateException("no health group " + group);
        }
        String base = defaults.getProperty("management.endpoints.web.base-path", "/actuator");
        return base + "/health/" + group;
    }

    /** Spring Boot's graceful shutdown bound, in seconds. */
    static int shutdownSeconds() {
        String value = platformDefaults().getProperty("spring.lifecycle.timeout-per-shutdown-phase");
        if (value == null || !value.endsWith("s")) {
            throw new IllegalStateException("spring.lifecycle.timeout-per-shutdown-phase should be like 20s: " + value);
        }
        return Integer.parseInt(value.substring(0, value.length() - 1));
    }

    /**
     * Whether an environment variable (Spring's relaxed binding: upper case, {@code _}
     * for {@code .}, no dashes, list indices as segments) names a property this app
     * reads.
     */
    boolean readsEnvironmentVariable(String name) {
        return readsCanonical(canonicalEnv(name));
    }

    /** Whether a property name (as in a YAML file, list indices removed) is read. */
    boolean readsProperty(String name) {
        return readsCanonical(canonicalProperty(name));
    }

    private boolean readsCanonical(String canonical) {
        if (this.properties.contains(canonical)) {
            return true;
        }
        return this.propertyPrefixes.stream()
            .anyMatch((prefix) -> canonical.equals(prefix) || canonical.startsWith(prefix + "."));
    }

    static String canonicalEnv(String name) {
        StringBuilder out = new StringBuilder();
        for (String segment : name.toLowerCase(Locale.ROOT).split("_")) {
            if (!segment.isEmpty() && !segment.chars().allMatch(Character::isDigit)) {
                out.append((out.length() > 0) ? "." : "").append(segment);
            }
        }
        return out.toString();
    }

    /**
     * The forms an environment variable may take for a property: dashes dropped
     * ({@code BOOTSTRAPSERVERS}) or, Spring's legacy form, as separators
     * ({@code BOOTSTRAP_SERVERS}).
     */
    static Set<String> canonicalForms(String name) {
        String base = name.replaceAll("\\[[^]]*]", "").toLowerCase(Locale.ROOT);
        return new LinkedHashSet<>(List.of(base.replace("-", ""), base.replace("-", ".")));
    }

    static String canonicalProperty(String name) {
        return name.replaceAll("\\[[^]]*]", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    private static App load(String module, String artifactId) {
        Path dir = Repository.path(module);
        Map<String, Object> application = flatten(yaml(dir.resolve("src/main/resources/application.yml")));
        Object port = application.get("server.port");
        if (port == null) {
            throw new IllegalStateException(module + " sets no server.port");
        }
        Set<String> properties = new LinkedHashSet<>();
        Set<String> prefixes = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(dir.resolve("src/main/resources"))) {
            files.filter((file) -> file.getFileName().toString().matches("application(-[a-z]+)?\\.yml"))
                .forEach((file) -> flatten(yaml(file)).keySet()
                    .forEach((key) -> properties.addAll(canonicalForms(key))));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        platformDefaults().stringPropertyNames().forEach((key) -> properties.addAll(canonicalForms(key)));
        BOOT_PROPERTIES.forEach((key) -> properties.addAll(canonicalForms(key)));
        for (Path sources : List.of(dir.resolve("src/main/java"), Repository.path("shared-lib/src/main/java"))) {
            recordProperties(sources).forEach((prefix) -> prefixes.addAll(canonicalForms(prefix)));
        }
        return new App(module, artifactId, ((Number) port).intValue(), Set.copyOf(properties), Set.copyOf(prefixes));
    }

    /**
     * prefix.component of every {@code @ConfigurationProperties} record under a source
     * tree.
     */
    private static List<String> recordProperties(Path sources) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher matcher = CONFIGURATION_PROPERTIES.matcher(text);
                while (matcher.find()) {
                    String prefix = matcher.group(1);
                    for (String component : recordComponents(text, matcher.end())) {
                        names.add(prefix + "." + kebab(component));
                    }
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return names;
    }

    /** Component names of a record header starting after its opening parenthesis. */
    private static List<String> recordComponents(String text, int start) {
        List<String> components = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == ')' || c == '>') && depth == 0) {
                if (c == ')') {
                    components.add(lastIdentifier(current.toString()));
                    return components;
                }
            }
            if (c == '(' || c == '<') {
                depth++;
            }
            else if (c == ')' || c == '>') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                components.add(lastIdentifier(current.toString()));
                current.setLength(0);
            }
            else {
                current.append(c);
            }
        }
        throw new IllegalStateException("unterminated record header");
    }

    private static String lastIdentifier(String parameter) {
        String[] words = parameter.trim().split("[^A-Za-z0-9_]+");
        return words[words.length - 1];
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static Map<String, Object> yaml(Path file) {
        try (var in = Files.newInputStream(file)) {
            Map<String, Object> map = new Yaml().load(in);
            return (map != null) ? map : Map.of();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The value at a dotted path of a YAML tree (keys themselves contain no dots). */
    static Object flattenPath(Map<String, Object> tree, String path) {
        Object node = tree;
        for (String key : path.split("\\.")) {
            node = ((Map<?, ?>) node).get(key);
        }
        return node;
    }

    /** a: {b: [ {c: 1} ]} -> a.b.c = 1 (list indices dropped). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> flatten(Map<String, Object> tree) {
        Map<String, Object> flat = new LinkedHashMap<>();
        tree.forEach((key, value) -> flatten(String.valueOf(key), value, flat));
        return flat;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String key, Object value, Map<String, Object> flat) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((k, v) -> flatten(key + "." + k, v, flat));
        }
        else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
            list.forEach((item) -> flatten(key, item, flat));
        }
        else {
            flat.put(key, value);
        }
    }

}
