package dev.distsys.coordination.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** One member of the coordination cluster. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CoordinationServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(CoordinationServerApplication.class, args);
    }

}
