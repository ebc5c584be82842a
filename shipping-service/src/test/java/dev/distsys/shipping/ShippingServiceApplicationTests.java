package dev.distsys.shipping;

import dev.distsys.shared.testing.DataServiceBootTests;
import dev.distsys.shared.testing.UsesRealInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * shipping-service boots against real PostgreSQL and Kafka and does what every service
 * must.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UsesRealInfrastructure(database = "shipping")
class ShippingServiceApplicationTests extends DataServiceBootTests {

    @Override
    protected String serviceName() {
        return "shipping-service";
    }

    @Override
    protected String databaseName() {
        return "shipping";
    }

}
