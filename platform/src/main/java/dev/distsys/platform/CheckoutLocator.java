package dev.distsys.platform;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the repository checkout whose jars the runner launches: from where the runner's
 * own classes live ({@code platform/target/classes} or
 * {@code platform/target/platform-*.jar}), else from the working directory upwards. So it
 * works from any directory.
 */
final class CheckoutLocator {

    private CheckoutLocator() {
    }

    static Path locate() {
        return fromCodeSource().or(() -> fromDirectory(Path.of("").toAbsolutePath()))
            .orElseThrow(() -> new StartupException("Cannot find the repository checkout (a directory with "
                    + "platform/pom.xml) from " + Path.of("").toAbsolutePath() + ": run from inside the checkout"));
    }

    static Optional<Path> fromDirectory(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("platform").resolve("pom.xml"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return Optional.of(dir.normalize());
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> fromCodeSource() {
        try {
            Path location = Path.of(CheckoutLocator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return fromDirectory(location.toAbsolutePath());
        }
        catch (URISyntaxException | RuntimeException ex) {
            // a nested jar URL or no code source: fall back to the working directory
            return Optional.empty();
        }
    }

}
