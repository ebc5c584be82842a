package dev.distsys.shared.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a Spring test against real PostgreSQL and a real Kafka broker: Testcontainers when
 * a Docker engine answers, embedded PostgreSQL (zonky) and an in-process KRaft broker
 * otherwise. Both are started once per JVM and shared by every test class; each service
 * gets its own database.
 *
 * <p>
 * The choice can be forced with {@code -Dtest.infrastructure=docker} or
 * {@code =embedded}. The properties set are {@code spring.datasource.*} and
 * {@code spring.kafka.bootstrap-servers}, the same on both paths, so that the application
 * under test cannot tell them apart.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface UsesRealInfrastructure {

    /** The service's own database, created on first use. */
    String database();

}
