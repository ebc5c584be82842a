package dev.distsys.platform;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class TopologyTests {

    private static final Path DATA = Path.of("/data");

    private final Topology topology = Topology.local(DATA);

    @Test
    void shouldPlaceEveryInstanceOnItsDocumentedPort() {
        assertThat(this.topology.instances()).extracting(ServiceInstance::instanceId, ServiceInstance::port)
            .containsExactly(tuple("coordination-server-1", 9101), tuple("coordination-server-2", 9102),
                    tuple("coordination-server-3", 9103), tuple("order-service-1", 8081),
                    tuple("order-service-2", 8091), tuple("inventory-service-1", 8082),
                    tuple("inventory-service-2", 8092), tuple("payment-service-1", 8083),
                    tuple("shipping-service-1", 8084), tuple("gateway-1", 8080));
        assertThat(this.topology.ports()).containsEntry(15432, "postgres")
            .containsEntry(19092, "kafka")
            .containsEntry(19093, "kafka (controller)")
            .containsEntry(8080, "gateway-1")
            .hasSize(13);
    }

    @Test
    void shouldStartTheGatewayAfterEverythingElse() {
        assertThat(this.topology.phase(StartPhase.GATEWAY)).extracting(ServiceInstance::instanceId)
            .containsExactly("gateway-1");
        assertThat(this.topology.phase(StartPhase.SERVICES)).hasSize(9);
    }

    @Test
    void shouldGiveABusinessServiceItsIdentityKafkaAndDatabase() {
        assertThat(instance("order-service-2").arguments()).containsExactly("--server.port=8091",
                "--platform.service.instance-id=order-service-2", "--spring.kafka.bootstrap-servers=127.0.0.1:19092",
                "--spring.profiles.active=local", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:15432/orders",
                "--spring.datasource.username=postgres", "--spring.datasource.password=");
        assertThat(instance("inventory-service-1").arguments())
            .contains("--spring.datasource.url=jdbc:postgresql://127.0.0.1:15432/inventory");
        assertThat(instance("payment-service-1").arguments())
            .contains("--spring.datasource.url=jdbc:postgresql://127.0.0.1:15432/payments");
        assertThat(instance("shipping-service-1").arguments())
            .contains("--spring.datasource.url=jdbc:postgresql://127.0.0.1:15432/shipping");
        assertThat(this.topology.databases()).containsExactly("orders", "inventory", "payments", "shipping");
    }

    @Test
    void shouldGiveEachCoordinationMemberItsIdDataDirAndThePeers() {
        assertThat(instance("coordination-server-2").arguments()).containsExactly("--server.port=9102",
                "--platform.service.instance-id=coordination-server-2",
                "--spring.kafka.bootstrap-servers=127.0.0.1:19092", "--spring.profiles.active=local",
                "--coordination.member-id=2", "--coordination.data-dir=/data/coordination/2",
                "--coordination.members=1=http://127.0.0.1:9101,2=http://127.0.0.1:9102,3=http://127.0.0.1:9103");
        assertThat(instance("coordination-server-1").arguments()).noneMatch((arg) -> arg.contains("datasource"));
    }

    @Test
    void shouldTellTheGatewayWhereEveryInstanceIs() {
        assertThat(instance("gateway-1").arguments()).containsSubsequence("--server.port=8080",
                "--platform.service.instance-id=gateway-1", "--gateway.keys.directory=/data/keys",
                "--spring.cloud.discovery.client.simple.instances.coordination-server[0].uri=http://127.0.0.1:9101",
                "--spring.cloud.discovery.client.simple.instances.coordination-server[2].uri=http://127.0.0.1:9103",
                "--spring.cloud.discovery.client.simple.instances.order-service[0].uri=http://127.0.0.1:8081",
                "--spring.cloud.discovery.client.simple.instances.order-service[1].uri=http://127.0.0.1:8091",
                "--spring.cloud.discovery.client.simple.instances.inventory-service[0].uri=http://127.0.0.1:8082",
                "--spring.cloud.discovery.client.simple.instances.inventory-service[1].uri=http://127.0.0.1:8092",
                "--spring.cloud.discovery.client.simple.instances.payment-service[0].uri=http://127.0.0.1:8083",
                "--spring.cloud.discovery.client.simple.instances.shipping-service[0].uri=http://127.0.0.1:8084");
        assertThat(instance("gateway-1").arguments()).filteredOn((arg) -> arg.contains("simple.instances")).hasSize(9);
    }

    @Test
    void shouldFindEachModuleJarByArtifactIdAndVersion() {
        Path checkout = Path.of("/co");

        assertThat(ServiceModule.COORDINATION_SERVER.jar(checkout, "1.2.3"))
            .isEqualTo(Path.of("/co/coordination-service/server/target/coordination-server-1.2.3.jar"));
        assertThat(ServiceModule.GATEWAY.jar(checkout, "1.2.3"))
            .isEqualTo(Path.of("/co/gateway/target/gateway-1.2.3.jar"));
        assertThat(this.topology.modules()).hasSize(6);
    }

    private ServiceInstance instance(String instanceId) {
        return this.topology.instances()
            .stream()
            .filter((instance) -> instance.instanceId().equals(instanceId))
            .findFirst()
            .orElseThrow();
    }

}
