package dev.distsys.platform;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JavaRuntimeTests {

    @Test
    void shouldLaunchChildrenWithTheJavaThisJvmRunsOn() {
        JavaRuntime java = JavaRuntime.ofCurrentProcess();

        assertThat(java.javaExecutable()).isEqualTo(Path.of(ProcessHandle.current().info().command().orElseThrow()));
        assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(21);
    }

    @Test
    void shouldMakeClasspathEntriesAbsoluteBecauseChildrenRunElsewhere() {
        String classpath = JavaRuntime.absolute("lib/a.jar" + File.pathSeparator + "/opt/b.jar");

        assertThat(classpath.split(File.pathSeparator))
            .containsExactly(Path.of("lib/a.jar").toAbsolutePath().toString(), "/opt/b.jar");
    }

    @Test
    void shouldBuildJarAndMainClassCommands() {
        JavaRuntime java = new JavaRuntime(Path.of("/jdk/bin/java"), "/cp/classes" + File.pathSeparator + "/cp/x.jar");

        assertThat(java.jarCommand(List.of("-Xmx1m"), Path.of("/a.jar"), List.of("--server.port=1")))
            .containsExactly("/jdk/bin/java", "-Xmx1m", "-jar", "/a.jar", "--server.port=1");
        assertThat(java.mainClassCommand(List.of("-Xmx1m"), "kafka.Kafka", List.of("server.properties")))
            .containsExactly("/jdk/bin/java", "-Xmx1m", "-cp", "/cp/classes" + File.pathSeparator + "/cp/x.jar",
                    "kafka.Kafka", "server.properties");
    }

}
