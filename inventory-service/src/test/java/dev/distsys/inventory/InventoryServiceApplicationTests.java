package dev.distsys.inventory;

import dev.distsys.shared.testing.DataServiceBootTests;
import dev.distsys.shared.testing.UsesRealInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * inventory-service boots against real PostgreSQL and Kafka and does what every service
 * must.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UsesRealInfrastructure(database = "inventory")
class InventoryServiceApplicationTests extends DataServiceBootTests {

    @Override
    protected String serviceName() {
        return "inventory-service";
    }

    @Override
    protected String databaseName() {
        return "inventory";
    }

}
