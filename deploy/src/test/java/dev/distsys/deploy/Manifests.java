package dev.distsys.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes manifests as fabric8's typed model: an overlay rendered by
 * {@code kubectl kustomize} when kubectl is on the PATH, otherwise the base files as they
 * are (overlay patches then go unchecked, which the log says).
 */
final class Manifests {

    private static final Logger log = LoggerFactory.getLogger(Manifests.class);

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private final String overlay;

    private final boolean rendered;

    private final List<HasMetadata> resources;

    private Manifests(String overlay, boolean rendered, List<HasMetadata> resources) {
        this.overlay = overlay;
        this.rendered = rendered;
        this.resources = List.copyOf(resources);
    }

    static Manifests of(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Manifests::render);
    }

    static boolean kubectlAvailable() {
        return onPath("kubectl");
    }

    static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            .anyMatch((dir) -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }

    private static Manifests render(String overlay) {
        if (kubectlAvailable()) {
            String yaml = run(List.of("kubectl", "kustomize", Repository.path("k8s/overlays/" + overlay).toString()));
            return new Manifests(overlay, true, parse(yaml));
        }
        log.warn("kubectl is not on the PATH: checking k8s/base as written; overlay {} is not rendered", overlay);
        List<HasMetadata> resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(Repository.path("k8s/base"))) {
            for (Path file : files.filter((f) -> f.toString().endsWith(".yaml"))
                .filter((f) -> !f.getFileName().toString().equals("kustomization.yaml"))
                .sorted()
                .toList()) {
                resources.addAll(parse(Files.readString(file)));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new Manifests(overlay, false, resources);
    }

    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines().anyMatch((line) -> line.startsWith("kind:"))) {
                resources.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return resources;
    }

    private static String run(List<String> command) {
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + errors);
            }
            String yaml = Files.readString(out);
            Files.delete(out);
            return yaml;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    String overlay() {
        return this.overlay;
    }

    boolean rendered() {
        return this.rendered;
    }

    List<HasMetadata> all() {
        return this.resources;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return this.resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter((r) -> r.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name)
            .orElseThrow(() -> new AssertionError(type.getSimpleName() + " " + name + " missing in " + this.overlay));
    }

    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter((r) -> r.getKind().equals(kind)).toList();
    }

    Optional<ConfigMap> configMap(String name) {
        return find(ConfigMap.class, name);
    }

    /** Every Deployment and StatefulSet with its pod template. */
    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        all(Deployment.class)
            .forEach((d) -> workloads.add(new Workload(d, d.getSpec().getTemplate(), d.getSpec().getReplicas())));
        all(StatefulSet.class)
            .forEach((s) -> workloads.add(new Workload(s, s.getSpec().getTemplate(), s.getSpec().getReplicas())));
        return workloads;
    }

    /** A Deployment or StatefulSet. */
    record Workload(HasMetadata resource, PodTemplateSpec template, Integer replicas) {

        String name() {
            return this.resource.getMetadata().getName();
        }

        String kind() {
            return this.resource.getKind();
        }

        List<Container> containers() {
            return this.template.getSpec().getContainers();
        }

        Map<String, String> podLabels() {
            return this.template.getMetadata().getLabels();
        }

        @Override
        public String toString() {
            return kind() + " " + name();
        }

    }

    @Override
    public String toString() {
        return this.overlay;
    }

}
