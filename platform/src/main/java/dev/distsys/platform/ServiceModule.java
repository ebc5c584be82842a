package dev.distsys.platform;

import java.nio.file.Path;

/**
 * A Maven module of the reactor whose Spring Boot jar the runner launches.
 *
 * @param artifactId the module's artifactId, also the service name the instances report
 * @param directory the module's directory relative to the checkout
 * @param database the PostgreSQL database it owns, or {@code null}
 */
record ServiceModule(String artifactId, String directory, String database) {

    static final ServiceModule COORDINATION_SERVER = new ServiceModule("coordination-server",
            "coordination-service/server", null);

    static final ServiceModule ORDER_SERVICE = new ServiceModule("order-service", "order-service", "orders");

    static final ServiceModule INVENTORY_SERVICE = new ServiceModule("inventory-service", "inventory-service",
            "inventory");

    static final ServiceModule PAYMENT_SERVICE = new ServiceModule("payment-service", "payment-service", "payments");

    static final ServiceModule SHIPPING_SERVICE = new ServiceModule("shipping-service", "shipping-service", "shipping");

    static final ServiceModule GATEWAY = new ServiceModule("gateway", "gateway", null);

    /**
     * The repackaged jar {@code ./mvnw package} leaves in the module's target directory.
     */
    Path jar(Path checkoutDir, String version) {
        return checkoutDir.resolve(this.directory).resolve("target").resolve(this.artifactId + "-" + version + ".jar");
    }

}
