package dev.distsys.coordination.server;

import dev.distsys.shared.testing.SecuredServiceBootTests;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** A coordination member boots and does what every service must. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "coordination.data-dir=${java.io.tmpdir}/coordination-boot-test-${random.uuid}")
class CoordinationServerApplicationTests extends SecuredServiceBootTests {

    @Override
    protected String serviceName() {
        return "coordination-server";
    }

    @Override
    protected String protectedPath() {
        return "/v1/kv/no-such-key";
    }

}
