package dev.distsys.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PlatformConfigTests {

    private static final Path CHECKOUT = Path.of("/work/checkout");

    @Test
    void shouldUseDefaultsWithoutArgumentsOrEnvironment() {
        PlatformConfig config = PlatformConfig.parse(new String[0], Map.of(), CHECKOUT);

        assertThat(config.checkoutDir()).isEqualTo(CHECKOUT);
        assertThat(config.dataDir()).isEqualTo(CHECKOUT.resolve(".platform"));
        assertThat(config.logsDir()).isEqualTo(CHECKOUT.resolve(".platform/logs"));
        assertThat(config.readyTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.stopGracePeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.childJvmOptions()).containsExactly("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        assertThat(config.onChildExit()).isEqualTo(OnChildExit.CONTINUE);
    }

    @Test
    void shouldTakeTheDataDirFromTheEnvironmentAndPreferTheArgument() {
        Map<String, String> env = Map.of("PLATFORM_DATA_DIR", "/var/tmp/from-env");

        assertThat(PlatformConfig.parse(new String[0], env, CHECKOUT).dataDir())
            .isEqualTo(Path.of("/var/tmp/from-env"));
        assertThat(PlatformConfig.parse(new String[] { "--data-dir=/var/tmp/from-arg" }, env, CHECKOUT).dataDir())
            .isEqualTo(Path.of("/var/tmp/from-arg"));
    }

    @Test
    void shouldResolveARelativeDataDirAgainstTheCheckout() {
        PlatformConfig config = PlatformConfig.parse(new String[] { "--data-dir=tmp/../runs/a" }, Map.of(), CHECKOUT);

        assertThat(config.dataDir()).isEqualTo(CHECKOUT.resolve("runs/a"));
    }

    @Test
    void shouldParseEveryOption() {
        PlatformConfig config = PlatformConfig.parse(
                new String[] { "--ready-timeout-seconds=30", "--stop-timeout-seconds=5",
                        "--child-jvm-options= -Xmx256m  -XX:+UseSerialGC ", "--on-child-exit=stop" },
                Map.of(), CHECKOUT);

        assertThat(config.readyTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.stopGracePeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.childJvmOptions()).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
        assertThat(config.onChildExit()).isEqualTo(OnChildExit.STOP);
    }

    @Test
    void shouldTakeChildJvmOptionsFromTheEnvironmentAndAllowNone() {
        assertThat(PlatformConfig.parse(new String[0], Map.of("PLATFORM_CHILD_JVM_OPTIONS", "-Xmx1g"), CHECKOUT)
            .childJvmOptions()).containsExactly("-Xmx1g");
        assertThat(PlatformConfig.parse(new String[] { "--child-jvm-options=" }, Map.of(), CHECKOUT).childJvmOptions())
            .isEmpty();
    }

    @Test
    void shouldNameEveryProblemAtOnce() {
        String[] args = { "--ready-timeout-seconds=0", "--stop-timeout-seconds=ten", "--on-child-exit=restart",
                "--child-jvm-options=-Xmx1g Main", "--colour=red", "positional", "--data-dir=a", "--data-dir=b" };

        assertThatExceptionOfType(ConfigException.class)
            .isThrownBy(() -> PlatformConfig.parse(args, Map.of(), CHECKOUT))
            .satisfies((ex) -> assertThat(ex.problems()).containsExactly(
                    "unknown option --colour (known: --data-dir, --ready-timeout-seconds, --stop-timeout-seconds, "
                            + "--child-jvm-options, --on-child-exit)",
                    "'positional' is not of the form --option=value", "--data-dir is given more than once",
                    "--ready-timeout-seconds=0 must be a whole number of seconds from 1 to 600",
                    "--stop-timeout-seconds=ten must be a whole number of seconds from 1 to 12",
                    "child JVM option 'Main' is not a JVM flag (each must start with '-'; -jar and -cp are the runner's)",
                    "--on-child-exit=restart must be 'continue' or 'stop'"))
            .withMessageContaining("Run with --help");
    }

    @Test
    void shouldRejectADataDirThatIsAFileOrEmpty(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("a-file"));

        assertThatExceptionOfType(ConfigException.class)
            .isThrownBy(() -> PlatformConfig.parse(new String[] { "--data-dir=" + file }, Map.of(), CHECKOUT))
            .withMessageContaining("the data dir " + file + " is a file");
        assertThatExceptionOfType(ConfigException.class)
            .isThrownBy(() -> PlatformConfig.parse(new String[0], Map.of("PLATFORM_DATA_DIR", " "), CHECKOUT))
            .withMessageContaining("PLATFORM_DATA_DIR) is empty");
    }

    @Test
    void shouldRecogniseAHelpRequest() {
        assertThat(PlatformConfig.isHelpRequested(new String[] { "--data-dir=x", "--help" })).isTrue();
        assertThat(PlatformConfig.isHelpRequested(new String[] { "--data-dir=x" })).isFalse();
        assertThat(PlatformConfig.HELP).contains("--data-dir", "PLATFORM_DATA_DIR", "--on-child-exit");
    }

}
