package dev.distsys.order;

import dev.distsys.shared.testing.DataServiceBootTests;
import dev.distsys.shared.testing.UsesRealInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * order-service boots against real PostgreSQL and Kafka and does what every service must.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UsesRealInfrastructure(database = "orders")
class OrderServiceApplicationTests extends DataServiceBootTests {

    @Override
    protected String serviceName() {
        return "order-service";
    }

    @Override
    protected String databaseName() {
        return "orders";
    }

}
