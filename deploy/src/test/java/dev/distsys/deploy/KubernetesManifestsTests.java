package dev.distsys.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kustomize overlays, rendered and read with fabric8's typed model, hold the policies
 * of issue "Deploy it" and agree with the apps' own code and configuration.
 */
class KubernetesManifestsTests {

    private static final Pattern MEMBER = Pattern
        .compile("(\\d+)=http://([a-z0-9.-]+):(\\d+)(?:\\|([a-z0-9.-]+):(\\d+))?");

    @Test
    void shouldRenderBothOverlaysWithKubectlKustomize() {
        assertThat(Manifests.kubectlAvailable())
            .as("kubectl is on this machine kind (issue 7): without it the overlays would go unrendered")
            .isTrue();
        for (String overlay : List.of("local", "production")) {
            Manifests manifests = Manifests.of(overlay);
            assertThat(manifests.rendered()).isTrue();
            assertThat(manifests.all()).allSatisfy((r) -> assertThat(r.getMetadata().getNamespace())
                .as("%s %s", r.getKind(), r.getMetadata().getName())
                .isIn("distsys", null));
            assertThat(manifests.all(Deployment.class)).extracting((d) -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("gateway", "order-service", "inventory-service", "payment-service",
                        "shipping-service");
            assertThat(manifests.all(StatefulSet.class)).extracting((s) -> s.getMetadata().getName())
                .containsExactly("coordination");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void shouldProbeTheHealthGroupsTheAppsExpose(String overlay) {
        for (Manifests.Workload workload : Manifests.of(overlay).workloads()) {
            Container container = appContainer(workload);
            App app = App.byImage(container.getImage());
            assertThat(httpGet(container.getStartupProbe(), workload, "startup").getPath())
                .isEqualTo(App.livenessPath());
            assertThat(httpGet(container.getLivenessProbe(), workload, "liveness").getPath())
                .isEqualTo(App.livenessPath());
            assertThat(httpGet(container.getReadinessProbe(), workload, "readiness").getPath())
                .isEqualTo(App.readinessPath());
            for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
                    container.getReadinessProbe())) {
                assertThat(portNumber(container, probe.getHttpGet().getPort())).as("%s probe port", workload)
                    .isEqualTo(app.port());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void shouldListenOnThePortsTheAppsConfigure(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        for (Manifests.Workload workload : manifests.workloads()) {
            Container container = appContainer(workload);
            App app = App.byImage(container.getImage());
            assertThat(portNumber(container, new IntOrString("http")))
                .as("%s http port = %s's server.port", workload, app.artifactId())
                .isEqualTo(app.port());
        }
        Map<String, String> gatewayConfig = gatewayConfig(manifests);
        assertThat(gatewayConfig).isNotEmpty();
        gatewayConfig.forEach((key, value) -> {
            if (key.startsWith("spring.cloud.discovery.client.simple.instances.")) {
                String service = key.split("\\.")[6];
                App app = App.byArtifact(service);
                assertThat(value).as(key).isEqualTo("http://" + service + ":" + app.port());
                Service kubeService = manifests.get(Service.class, service);
                assertThat(kubeService.getSpec().getPorts()).extracting(ServicePort::getPort).contains(app.port());
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void shouldSelectExistingPodsAndPortsFromEveryService(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        for (Service service : manifests.all(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            assertThat(selector).as("selector of Service %s", service.getMetadata().getName()).isNotEmpty();
            List<Manifests.Workload> selected = manifests.workloads()
                .stream()
                .filter((w) -> w.podLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
            assertThat(selected).as("pods selected by Service %s", service.getMetadata().getName()).isNotEmpty();
            for (ServicePort port : service.getSpec().getPorts()) {
                for (Manifests.Workload workload : selected) {
                    assertThat(portNumber(appContainer(workload), port.getTargetPort()))
                        .as("Service %s port %s on %s", service.getMetadata().getName(), port.getName(), workload)
                        .isNotNull();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void shouldReferenceOnlyExistingOrDocumentedConfigMapAndSecretKeys(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        Set<String> documented = DeployReadme.documentedSecretKeys();
        for (Manifests.Workload workload : manifests.workloads()) {
            for (Container container : workload.template().getSpec().getContainers()) {
                for (EnvVar env : envOf(container)) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    var configKey = env.getValueFrom().getConfigMapKeyRef();
                    if (configKey != null) {
                        ConfigMap map = manifests.get(ConfigMap.class, configKey.getName());
                        assertThat(map.getData()).as("%s %s", workload, env.getName()).containsKey(configKey.getKey());
                    }
                    var secretKey = env.getValueFrom().getSecretKeyRef();
                    if (secretKey != null) {
                        boolean inManifests = manifests.find(Secret.class, secretKey.getName())
                            .map((s) -> s.getData() != null && s.getData().containsKey(secretKey.getKey())
                                    || s.getStringData() != null && s.getStringData().containsKey(secretKey.getKey()))
                            .orElse(false);
                        assertThat(inManifests || documented.contains(secretKey.getName() + "/" + secretKey.getKey()))
                            .as("%s: secret %s key %s exists in the manifests or is documented in deploy/README.md",
                                    workload, secretKey.getName(), secretKey.getKey())
                            .isTrue();
                    }
                }
                for (EnvFromSource from : envFromOf(container)) {
                    if (from.getConfigMapRef() != null) {
                        assertThat(manifests.configMap(from.getConfigMapRef().getName())).as("%s envFrom", workload)
                            .isPresent();
                    }
                    assertThat(from.getSecretRef()).as("%s: secrets by key only", workload).isNull();
                }
            }
            for (Volume volume : workload.template().getSpec().getVolumes()) {
                if (volume.getConfigMap() != null) {
                    assertThat(manifests.configMap(volume.getConfigMap().getName())).as("%s volume", workload)
                        .isPresent();
                }
            }
        }
        // Operator-created secrets: the CloudNativePG clusters they come from exist.
        for (String key : documented) {
            String secret = key.substring(0, key.indexOf('/'));
            if (secret.endsWith("-db-app")) {
                assertThat(manifests.custom("Cluster")).extracting((c) -> c.getMetadata().getName())
                    .contains(secret.substring(0, secret.length() - "-app".length()));
            }
        }
        assertThat(manifests.all(Secret.class)).as("no secret values in the manifests").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void shouldNameOnlyPropertiesTheAppsRead(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        for (Manifests.Workload workload : manifests.workloads()) {
            Container container = appContainer(workload);
            App app = App.byImage(container.getImage());
            for (EnvVar env : envOf(container)) {
                assertThat(app.readsEnvironmentVariable(env.getName()))
                    .as("%s: %s maps to a property %s reads", workload, env.getName(), app.artifactId())
                    .isTrue();
            }
            for (EnvFromSource from : envFromOf(container)) {
                ConfigMap map = manifests.get(ConfigMap.class, from.getConfigMapRef().getName());
                map.getData()
                    .keySet()
                    .forEach((key) -> assertThat(app.readsEnvironmentVariable(key))
                        .as("%s: ConfigMap %s key %s maps to a property %s reads", workload,
                                map.getMetadata().getName(), key, app.artifactId())
                        .isTrue());
            }
        }
        App gateway = App.byArtifact("gateway");
        gatewayConfig(manifests).keySet()
            .forEach((key) -> assertThat(gateway.readsProperty(key)).as("gateway-config: %s", key).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void shouldPinEveryImage(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        for (Manifests.Workload workload : manifests.workloads()) {
            for (Container container : workload.containers()) {
                assertThat(Images.isPinned(container.getImage())).as("%s image %s", workload, container.getImage())
                    .isTrue();
            }
        }
        for (GenericKubernetesResource cluster : manifests.custom("Cluster")) {
            assertThat(Images.isPinned((String) spec(cluster).get("imageName"))).as(cluster.getMetadata().getName())
                .isTrue();
        }
        GenericKubernetesResource kafka = manifests.custom("Kafka").get(0);
        assertThat(String.valueOf(map(spec(kafka), "kafka").get("version"))).matches("\\d+\\.\\d+\\.\\d+");
        if (overlay.equals("production")) {
            assertThat(manifests.workloads()).allSatisfy(
                    (w) -> assertThat(appContainer(w).getImage()).doesNotContain("SNAPSHOT").contains("/distsys/"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void shouldBoundResourcesAndHardenEveryPod(String overlay) {
        int shutdown = App.shutdownSeconds();
        for (Manifests.Workload workload : Manifests.of(overlay).workloads()) {
            var pod = workload.template().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("%s runAsNonRoot", workload).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as("%s runAsUser", workload).isPositive();
            assertThat(pod.getAutomountServiceAccountToken()).as("%s service account token", workload).isFalse();
            for (Container container : workload.containers()) {
                Map<String, Quantity> requests = container.getResources().getRequests();
                Map<String, Quantity> limits = container.getResources().getLimits();
                assertThat(requests).as("%s requests", workload).containsKeys("cpu", "memory");
                assertThat(limits).as("%s limits", workload).containsKeys("cpu", "memory");
                assertThat(Quantity.getAmountInBytes(limits.get("memory")))
                    .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));
                var security = container.getSecurityContext();
                assertThat(security.getAllowPrivilegeEscalation()).as("%s privilege escalation", workload).isFalse();
                assertThat(security.getReadOnlyRootFilesystem()).as("%s read-only root", workload).isTrue();
                assertThat(security.getCapabilities().getDrop()).contains("ALL");
                String tmpVolume = container.getVolumeMounts()
                    .stream()
                    .filter((m) -> m.getMountPath().equals("/tmp"))
                    .map((m) -> m.getName())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(workload + " mounts nothing writable on /tmp"));
                assertThat(pod.getVolumes()).filteredOn((v) -> v.getName().equals(tmpVolume))
                    .singleElement()
                    .satisfies((v) -> assertThat(v.getEmptyDir()).isNotNull());
                List<String> preStop = container.getLifecycle().getPreStop().getExec().getCommand();
                assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
                int drain = Integer.parseInt(preStop.get(1));
                assertThat(pod.getTerminationGracePeriodSeconds())
                    .as("%s: grace > preStop %s s + graceful shutdown %s s", workload, drain, shutdown)
                    .isGreaterThan(drain + shutdown);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void shouldGiveEveryWorkloadABudgetAnAutoscalerAndASpread(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        for (Manifests.Workload workload : manifests.workloads()) {
            List<PodDisruptionBudget> budgets = manifests.all(PodDisruptionBudget.class)
                .stream()
                .filter((b) -> workload.podLabels()
                    .entrySet()
                    .containsAll(b.getSpec().getSelector().getMatchLabels().entrySet()))
                .toList();
            assertThat(budgets).as("%s PodDisruptionBudget", workload).singleElement();
            assertThat(budgets.get(0).getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
            assertThat(workload.template().getSpec().getTopologySpreadConstraints()).as("%s spread", workload)
                .extracting((c) -> c.getTopologyKey())
                .contains("kubernetes.io/hostname", "topology.kubernetes.io/zone");
            if (workload.resource() instanceof Deployment deployment) {
                HorizontalPodAutoscaler hpa = manifests.get(HorizontalPodAutoscaler.class, workload.name());
                assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
                assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(workload.name());
                assertThat(hpa.getSpec().getMinReplicas()).as("%s HPA min = replicas", workload)
                    .isEqualTo(deployment.getSpec().getReplicas());
                assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
                assertThat(hpa.getSpec().getMetrics()).isNotEmpty();
            }
        }
        for (String name : List.of("order-service", "inventory-service")) {
            assertThat(manifests.get(Deployment.class, name).getSpec().getReplicas()).as(name)
                .isGreaterThanOrEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void shouldDeriveCoordinationPeersFromTheStatefulSetOrdinals(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        StatefulSet coordination = manifests.get(StatefulSet.class, "coordination");
        int replicas = coordination.getSpec().getReplicas();
        assertThat(replicas).isEqualTo(3);
        assertThat(coordination.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        Service headless = manifests.get(Service.class, coordination.getSpec().getServiceName());
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(coordination.getSpec().getVolumeClaimTemplates()).extracting((c) -> c.getMetadata().getName())
            .containsExactly("data");
        Container member = appContainer(
                new Manifests.Workload(coordination, coordination.getSpec().getTemplate(), replicas));
        assertThat(member.getVolumeMounts()).anySatisfy((m) -> {
            assertThat(m.getName()).isEqualTo("data");
            assertThat(env(member, "COORDINATION_DATA_DIR")).isEqualTo(m.getMountPath());
        });
        int http = portNumber(member, new IntOrString("http"));
        int peer = portNumber(member, new IntOrString("peer"));
        List<String> entries = List.of(env(member, "COORDINATION_MEMBERS").split(","));
        assertThat(entries).hasSize(replicas);
        Map<Integer, String> hosts = new LinkedHashMap<>();
        for (String entry : entries) {
            Matcher matcher = MEMBER.matcher(entry);
            assertThat(matcher.matches()).as(entry).isTrue();
            int id = Integer.parseInt(matcher.group(1));
            String host = coordination.getMetadata().getName() + "-" + (id - 1) + "."
                    + headless.getMetadata().getName();
            assertThat(matcher.group(2)).as("member %s host", id).isEqualTo(host);
            assertThat(Integer.parseInt(matcher.group(3))).isEqualTo(http);
            int peerPort = (matcher.group(5) != null) ? Integer.parseInt(matcher.group(5)) : http + 100;
            assertThat(Objects.requireNonNullElse(matcher.group(4), host)).isEqualTo(host);
            assertThat(peerPort).as("member %s peer port", id).isEqualTo(peer);
            hosts.put(id, host);
        }
        assertThat(hosts.keySet()).as("member ids 1..replicas").containsExactly(1, 2, 3);
        assertThat(String.join(" ", member.getCommand())).as("member id = ordinal + 1")
            .contains("COORDINATION_MEMBER_ID=$(( ${HOSTNAME##*-} + 1 ))")
            .contains("exec /app/run.sh");
        assertThat(headless.getSpec().getPorts()).extracting(ServicePort::getPort).contains(http, peer);
        PodDisruptionBudget budget = manifests.get(PodDisruptionBudget.class, "coordination");
        assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
    }

    @Test
    void shouldRunKafkaAndPostgresOnTheirOperatorsWithProductionReplication() {
        for (String overlay : List.of("local", "production")) {
            Manifests manifests = Manifests.of(overlay);
            GenericKubernetesResource kafka = manifests.custom("Kafka").get(0);
            assertThat(kafka.getMetadata().getAnnotations()).containsEntry("strimzi.io/kraft", "enabled")
                .containsEntry("strimzi.io/node-pools", "enabled");
            GenericKubernetesResource pool = manifests.custom("KafkaNodePool").get(0);
            assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster",
                    kafka.getMetadata().getName());
            assertThat(((List<?>) spec(pool).get("roles")).stream().map(String::valueOf).toList())
                .containsExactlyInAnyOrder("controller", "broker");
            int brokers = ((Number) spec(pool).get("replicas")).intValue();
            Map<String, Object> config = map(map(spec(kafka), "kafka"), "config");
            for (String key : List.of("offsets.topic.replication.factor", "transaction.state.log.replication.factor",
                    "default.replication.factor")) {
                assertThat(((Number) config.get(key)).intValue()).as("%s %s", overlay, key).isEqualTo(brokers);
            }
            int minIsr = ((Number) config.get("min.insync.replicas")).intValue();
            Map<String, String> platform = manifests.get(ConfigMap.class, "platform-config").getData();
            int topicReplicas = Integer.parseInt(platform.get("PLATFORM_MESSAGING_REPLICATION_FACTOR"));
            assertThat(topicReplicas).as("%s: the services' topics on every broker", overlay).isEqualTo(brokers);
            assertThat(platform.get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))
                .isEqualTo(kafka.getMetadata().getName() + "-kafka-bootstrap:9092");
            List<GenericKubernetesResource> clusters = manifests.custom("Cluster");
            assertThat(clusters).hasSize(4);
            if (overlay.equals("production")) {
                assertThat(brokers).isEqualTo(3);
                assertThat(minIsr).as("acks=all survives one broker down").isEqualTo(brokers - 1);
                assertThat(clusters)
                    .allSatisfy((c) -> assertThat(spec(c).get("instances")).as("primary + 2 replicas").isEqualTo(3));
            }
            // Every service's datasource is the read-write Service of a cluster that
            // creates its database.
            for (Deployment deployment : manifests.all(Deployment.class)) {
                Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
                String url = envOrNull(container, "SPRING_DATASOURCE_URL");
                if (url == null) {
                    continue;
                }
                Matcher matcher = Pattern.compile("jdbc:postgresql://([a-z-]+)-rw:5432/([a-z]+)").matcher(url);
                assertThat(matcher.matches()).as(url).isTrue();
                GenericKubernetesResource cluster = clusters.stream()
                    .filter((c) -> c.getMetadata().getName().equals(matcher.group(1)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no Cluster " + matcher.group(1)));
                assertThat(map(map(spec(cluster), "bootstrap"), "initdb")).containsEntry("database", matcher.group(2));
                EnvVar user = container.getEnv()
                    .stream()
                    .filter((e) -> e.getName().equals("SPRING_DATASOURCE_USERNAME"))
                    .findFirst()
                    .orElseThrow();
                assertThat(user.getValueFrom().getSecretKeyRef().getName()).isEqualTo(matcher.group(1) + "-app");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void shouldDenyByDefaultAndAllowExactlyTheArchitectureFlows(String overlay) {
        NetworkFlows flows = new NetworkFlows(Manifests.of(overlay));
        assertThat(flows.hasDefaultDeny()).as("a default-deny policy for every pod, both directions").isTrue();
        assertThat(flows.allowed()).containsExactlyInAnyOrderElementsOf(NetworkFlows.expected());
    }

    static Container appContainer(Manifests.Workload workload) {
        List<Container> containers = workload.containers()
            .stream()
            .filter((c) -> App.isPlatformImage(c.getImage()))
            .toList();
        assertThat(containers).as("%s runs one platform image", workload).hasSize(1);
        return containers.get(0);
    }

    private static HTTPGetAction httpGet(Probe probe, Manifests.Workload workload, String kind) {
        assertThat(probe).as("%s %s probe", workload, kind).isNotNull();
        assertThat(probe.getHttpGet()).as("%s %s probe is an HTTP GET", workload, kind).isNotNull();
        return probe.getHttpGet();
    }

    static Integer portNumber(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return container.getPorts()
                .stream()
                .map(ContainerPort::getContainerPort)
                .filter(port.getIntVal()::equals)
                .findFirst()
                .orElse(null);
        }
        return container.getPorts()
            .stream()
            .filter((p) -> port.getStrVal().equals(p.getName()))
            .map(ContainerPort::getContainerPort)
            .findFirst()
            .orElse(null);
    }

    private static List<EnvVar> envOf(Container container) {
        return (container.getEnv() != null) ? container.getEnv() : List.of();
    }

    private static List<EnvFromSource> envFromOf(Container container) {
        return (container.getEnvFrom() != null) ? container.getEnvFrom() : List.of();
    }

    private static String env(Container container, String name) {
        String value = envOrNull(container, name);
        assertThat(value).as("env %s", name).isNotNull();
        return value;
    }

    private static String envOrNull(Container container, String name) {
        return envOf(container).stream()
            .filter((e) -> e.getName().equals(name))
            .map(EnvVar::getValue)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(null);
    }

    /** gateway-config's application.yml, flattened. */
    private static Map<String, String> gatewayConfig(Manifests manifests) {
        ConfigMap map = manifests.get(ConfigMap.class, "gateway-config");
        Map<String, Object> yaml = new org.yaml.snakeyaml.Yaml().load(map.getData().get("application.yml"));
        Map<String, String> flat = new LinkedHashMap<>();
        App.flatten(yaml).forEach((k, v) -> flat.put(k, String.valueOf(v)));
        return flat;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    static List<String> names(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> resources) {
        List<String> names = new ArrayList<>();
        resources.forEach((r) -> names.add(r.getMetadata().getName()));
        return names;
    }

}
