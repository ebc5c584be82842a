package dev.distsys.coordination.raft.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data-driven traces in the style of etcd-io/raft's testdata: each block is a command, a
 * line {@code ----}, and the expected output. {@code -Dtrace.rewrite=true} rewrites the
 * files with the actual output, for review in the diff.
 */
class TraceTests {

    private static final Path SOURCE_DIR = Path.of("src/test/resources/traces");

    @ParameterizedTest
    @ValueSource(strings = { "election.txt", "prevote.txt", "checkquorum.txt", "log_conflict.txt", "snapshot.txt",
            "membership.txt", "transfer.txt", "read_index.txt", "figure8.txt", "figure8_unsafe.txt" })
    void shouldReproduceTrace(String file) throws IOException {
        String script;
        try (InputStream in = getClass().getResourceAsStream("/traces/" + file)) {
            assertThat(in).as("trace %s", file).isNotNull();
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        TraceCluster cluster = new TraceCluster();
        StringBuilder actual = new StringBuilder();
        List<String> mismatches = new ArrayList<>();
        for (String block : script.split("\n\n(?=[a-z#])")) {
            String trimmed = block.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int separator = trimmed.indexOf("\n----");
            String commandText = (separator < 0) ? trimmed : trimmed.substring(0, separator);
            String expected = (separator < 0) ? "" : trimmed.substring(separator + 5).replaceAll("^\\n+|\\s+$", "");
            String output = "";
            for (String line : commandText.lines().toList()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                List<String> words = Arrays.asList(line.trim().split("\\s+"));
                output += cluster.run(words.get(0), words.subList(1, words.size()));
            }
            output = output.replaceAll("^\\n+|\\s+$", "");
            if (output.isEmpty()) {
                output = "ok";
            }
            if (!output.equals(expected)) {
                mismatches.add(commandText + "\nexpected:\n" + expected + "\nactual:\n" + output);
            }
            actual.append(commandText).append("\n----\n").append(output).append("\n\n");
        }
        if (Boolean.getBoolean("trace.rewrite")) {
            Files.writeString(SOURCE_DIR.resolve(file), actual.toString().strip() + "\n");
            return;
        }
        assertThat(mismatches).as("trace %s (rerun with -Dtrace.rewrite=true to accept)", file).isEmpty();
    }

}
