package dev.distsys.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts fixed at build time, from the filtered {@code platform-build.properties}. */
final class BuildInfo {

    private BuildInfo() {
    }

    /** The reactor version, which every module jar's file name carries. */
    static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/platform-build.properties")) {
            if (in == null) {
                throw new IllegalStateException("platform-build.properties is missing: rebuild the platform module");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("platform.version", "");
            if (version.isBlank() || version.startsWith("@")) {
                throw new IllegalStateException("platform-build.properties was not filtered by Maven: "
                        + "rebuild with ./mvnw -pl platform package");
            }
            return version;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
