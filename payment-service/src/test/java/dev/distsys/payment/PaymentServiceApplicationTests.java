package dev.distsys.payment;

import dev.distsys.shared.testing.DataServiceBootTests;
import dev.distsys.shared.testing.UsesRealInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * payment-service boots against real PostgreSQL and Kafka and does what every service
 * must.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UsesRealInfrastructure(database = "payments")
class PaymentServiceApplicationTests extends DataServiceBootTests {

    @Override
    protected String serviceName() {
        return "payment-service";
    }

    @Override
    protected String databaseName() {
        return "payments";
    }

}
