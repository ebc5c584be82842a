package dev.distsys.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docker/Dockerfile and docker/build-images.sh build what the modules really produce. */
class ImageTests {

    private static final String DOCKERFILE = Repository.read("docker/Dockerfile");

    private static final String BUILD = Repository.read("docker/build-images.sh");

    @Test
    void shouldBuildOnAPinnedJreAsANonRootUserWithLayers() {
        Matcher bases = Pattern.compile("(?m)^ARG (JDK|JRE)_IMAGE=(\\S+)$").matcher(DOCKERFILE);
        Map<String, String> images = new LinkedHashMap<>();
        while (bases.find()) {
            images.put(bases.group(1), bases.group(2));
        }
        assertThat(images).containsOnlyKeys("JDK", "JRE");
        images.values().forEach((image) -> assertThat(Images.isPinned(image)).as(image).isTrue());
        assertThat(images.get("JRE")).matches("eclipse-temurin:2[1-9]\\.[0-9.]+_\\d+-jre-noble");
        assertThat(images.get("JDK").replace("-jdk-", "-jre-")).as("one Temurin release for both stages")
            .isEqualTo(images.get("JRE"));
        assertThat(BUILD).contains("jre_image=\"" + images.get("JRE") + "\"");
        assertThat(DOCKERFILE).contains("java -Djarmode=tools -jar app.jar extract --layers --launcher")
            .contains("USER 10001:10001")
            .contains("-XX:MaxRAMPercentage=")
            .contains("HEALTHCHECK")
            .contains("\"HealthCheck\", \"" + App.readinessPath() + "\"")
            .contains("ENTRYPOINT [\"/app/run.sh\"]");
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(DOCKERFILE).contains("COPY --from=build /build/extracted/" + layer + "/ ./");
        }
        assertThat(Repository.read("docker/run.sh"))
            .contains("exec java ${JAVA_OPTS:-} -cp /app org.springframework.boot.loader.launch.JarLauncher \"$@\"");
    }

    @Test
    void shouldBuildEveryAppFromItsJarWithItsPort() {
        Matcher entries = Pattern.compile("\"([a-z/-]+)\\|([a-z-]+)\\|(\\d+)\"").matcher(BUILD);
        Map<String, String> built = new LinkedHashMap<>();
        while (entries.find()) {
            String module = entries.group(1);
            String artifact = entries.group(2);
            App app = App.byArtifact(artifact);
            assertThat(app.module()).isEqualTo(module);
            assertThat(Integer.parseInt(entries.group(3))).as("%s port", artifact).isEqualTo(app.port());
            String pom = Repository.read(module + "/pom.xml");
            assertThat(pom).as("%s/pom.xml artifactId", module).contains("<artifactId>" + artifact + "</artifactId>");
            built.put(artifact, module);
        }
        assertThat(built.keySet()).containsExactlyInAnyOrderElementsOf(App.ALL.stream().map(App::artifactId).toList());
        assertThat(DOCKERFILE).contains("COPY ${MODULE}/target/${ARTIFACT}-${VERSION}.jar app.jar");
        assertThat(BUILD).contains("-Dexpression=project.version").contains("jib-maven-plugin:3.5.2:buildTar");
    }

}
