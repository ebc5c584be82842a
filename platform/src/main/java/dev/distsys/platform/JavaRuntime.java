package dev.distsys.platform;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * How to start another JVM like this one: the same {@code java} executable (Maven may run
 * on Java 17 while the runner and the release-21 jars need 21+) and this JVM's classpath
 * for main classes that ship with the runner, such as Kafka's.
 *
 * @param javaExecutable the {@code java} launcher
 * @param classpath this JVM's classpath
 */
record JavaRuntime(Path javaExecutable, String classpath) {

    private static final String BOOT_PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    static JavaRuntime ofCurrentProcess() {
        Path java = ProcessHandle.current()
            .info()
            .command()
            .map(Path::of)
            .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
        return new JavaRuntime(java, absolute(System.getProperty("java.class.path")));
    }

    /**
     * Children run in other working directories, so relative classpath entries would
     * break.
     */
    static String absolute(String classpath) {
        return Arrays.stream(classpath.split(File.pathSeparator))
            .filter((entry) -> !entry.isEmpty())
            .map((entry) -> Path.of(entry).toAbsolutePath().normalize().toString())
            .collect(Collectors.joining(File.pathSeparator));
    }

    /** {@code java OPTIONS -jar JAR ARGS}. */
    List<String> jarCommand(List<String> jvmOptions, Path jar, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(this.javaExecutable.toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return command;
    }

    /**
     * {@code java OPTIONS -cp CLASSPATH MAIN ARGS}. When the runner itself runs as a
     * Spring Boot executable jar ({@code java -jar platform.jar}), its dependencies are
     * nested jars that only Boot's loader reads, so the main class is started through
     * Boot's PropertiesLauncher instead.
     */
    List<String> mainClassCommand(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(this.javaExecutable.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(this.classpath);
        if (isBootExecutableJar()) {
            command.add("-Dloader.main=" + mainClass);
            command.add(BOOT_PROPERTIES_LAUNCHER);
        }
        else {
            command.add(mainClass);
        }
        command.addAll(args);
        return command;
    }

    private boolean isBootExecutableJar() {
        if (this.classpath.contains(File.pathSeparator) || !this.classpath.endsWith(".jar")) {
            return false;
        }
        Path jar = Path.of(this.classpath);
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry("BOOT-INF/lib/") != null;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the runner's own jar " + jar, ex);
        }
    }

}
