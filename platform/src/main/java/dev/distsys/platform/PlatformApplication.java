package dev.distsys.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-command local platform: {@code ./mvnw -pl platform -am -DskipTests package
 * spring-boot:run}. Public only because Spring Boot's launcher needs the main class to
 * be.
 */
public final class PlatformApplication {

    private static final Logger logger = LoggerFactory.getLogger(PlatformApplication.class);

    private PlatformApplication() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (PlatformConfig.isHelpRequested(args)) {
            System.out.print(PlatformConfig.HELP);
            return;
        }
        Platform platform;
        try {
            PlatformConfig config = PlatformConfig.parse(args, System.getenv(), CheckoutLocator.locate());
            platform = new Platform(config, Topology.local(config.dataDir()), JavaRuntime.ofCurrentProcess(),
                    BuildInfo.version());
        }
        catch (ConfigException | StartupException | IllegalStateException ex) {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        }
        // SIGINT (Ctrl-C) and SIGTERM run shutdown hooks: this one stops every child.
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "platform-shutdown"));
        try {
            platform.start();
        }
        catch (StartupException ex) {
            logger.error("{}", ex.getMessage());
            platform.stop();
            System.exit(1);
        }
        catch (Exception ex) {
            logger.error("Start-up failed", ex);
            platform.stop();
            System.exit(1);
        }
        System.exit(platform.awaitStopped());
    }

}
