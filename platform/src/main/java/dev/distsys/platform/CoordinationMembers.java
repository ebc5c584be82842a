package dev.distsys.platform;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The local coordination cluster's member arguments, in one place so that they follow the
 * coordination server's configuration as it evolves.
 */
final class CoordinationMembers {

    static final int SIZE = 3;

    static final int FIRST_PORT = 9101;

    private CoordinationMembers() {
    }

    static int port(int memberId) {
        return FIRST_PORT + memberId - 1;
    }

    /** {@code 1=http://127.0.0.1:9101,2=...}: every member's id and HTTP address. */
    static String membersArgument() {
        return IntStream.rangeClosed(1, SIZE)
            .mapToObj((id) -> id + "=http://" + Topology.HOST + ":" + port(id))
            .collect(Collectors.joining(","));
    }

    /** The member-specific arguments of member {@code memberId} (1-based). */
    static List<String> arguments(int memberId, Path dataDir) {
        return List.of("--coordination.member-id=" + memberId,
                "--coordination.data-dir=" + dataDir.resolve("coordination").resolve(String.valueOf(memberId)),
                "--coordination.members=" + membersArgument());
    }

}
