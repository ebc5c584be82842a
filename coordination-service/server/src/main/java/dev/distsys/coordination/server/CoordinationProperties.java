package dev.distsys.coordination.server;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who this member is, who its peers are, and the bounds it runs with.
 *
 * @param memberId this member's id, one of the ids in {@code members}
 * @param dataDir where this member keeps its log, hard state and snapshots
 * @param members every voting member as {@code id=http://host:port}, optionally followed
 * by {@code |host:peerPort} for the Raft peer listener; without it the peer port is the
 * HTTP port + 100 on the same host (9101 → 9201). E.g.
 * {@code 1=http://127.0.0.1:9101,2=http://127.0.0.1:9102,3=http://127.0.0.1:9103}
 * @param tickMs real time of one Raft tick (the leader heartbeats every tick)
 * @param electionTicksMin lower bound of the randomized election timeout, in ticks
 * @param electionTicksMax upper bound (exclusive) of the election timeout, in ticks
 * @param requestTimeoutMs how long a request waits for its entry to apply before it
 * answers 504 (writes) or 503 (reads)
 * @param maxValueBytes largest value, registry address or candidate text (413 above)
 * @param maxRequestBytes largest request body (413 above)
 * @param maxWaitMs largest {@code waitMs} of a lock or campaign request
 * @param snapshotEntries applied entries between two snapshots
 * @param leaseCheckpointMs how often the leader commits how much of each lease's TTL has
 * elapsed
 * @param maxListItems largest answer of a prefix listing
 */
@Validated
@ConfigurationProperties("coordination")
public record CoordinationProperties(@Min(1) @Max(1000) int memberId, @NotNull Path dataDir,
        @NotEmpty @Size(max = 9,
                message = "at most 9 voting members: more only slows every commit") List<String> members,
        @DefaultValue("25") @Min(5) @Max(1000) int tickMs, @DefaultValue("10") @Min(3) @Max(1000) int electionTicksMin,
        @DefaultValue("20") @Min(4) @Max(2000) int electionTicksMax,
        @DefaultValue("5000") @Min(100) @Max(60000) int requestTimeoutMs,
        @DefaultValue("65536") @Min(16) @Max(1048576) int maxValueBytes,
        @DefaultValue("262144") @Min(1024) @Max(4194304) int maxRequestBytes,
        @DefaultValue("60000") @Min(0) @Max(600000) int maxWaitMs,
        @DefaultValue("20000") @Min(100) @Max(10000000) int snapshotEntries,
        @DefaultValue("1000") @Min(100) @Max(60000) int leaseCheckpointMs,
        @DefaultValue("10000") @Min(1) @Max(100000) int maxListItems) {

    /** One member's addresses. */
    public record Member(int id, URI httpAddress, InetSocketAddress peerAddress) {

        /** The peer address as shown by {@code GET /v1/cluster}. */
        public String peerAddressText() {
            return this.peerAddress.getHostString() + ":" + this.peerAddress.getPort();
        }

    }

    public CoordinationProperties {
        Map<Integer, Member> parsed = parseMembers(members);
        if (!parsed.containsKey(memberId)) {
            throw new IllegalArgumentException("coordination.member-id=" + memberId
                    + " is not among coordination.members " + parsed.keySet() + ": add it or fix the id");
        }
        if (electionTicksMax <= electionTicksMin) {
            throw new IllegalArgumentException("coordination.election-ticks-max (" + electionTicksMax
                    + ") must exceed coordination.election-ticks-min (" + electionTicksMin + ")");
        }
    }

    /** Defaults for everything but identity; for tests and tools. */
    public static CoordinationProperties of(int memberId, Path dataDir, List<String> members) {
        return new CoordinationProperties(memberId, dataDir, members, 25, 10, 20, 5000, 65536, 262144, 60000, 20000,
                1000, 10000);
    }

    /** The members by id, in the order given. */
    public Map<Integer, URI> memberAddresses() {
        Map<Integer, URI> addresses = new LinkedHashMap<>();
        parseMembers(this.members).forEach((id, member) -> addresses.put(id, member.httpAddress()));
        return addresses;
    }

    /** The members by id, in the order given, with their peer addresses. */
    public Map<Integer, Member> memberList() {
        return parseMembers(this.members);
    }

    private static Map<Integer, Member> parseMembers(List<String> members) {
        Map<Integer, Member> parsed = new LinkedHashMap<>();
        for (String member : (members != null) ? members : List.<String>of()) {
            String[] parts = member.split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException(
                        "coordination.members entry '" + member + "' must look like 1=http://127.0.0.1:9101");
            }
            int id = parseId(parts[0].trim(), member);
            String[] addresses = parts[1].trim().split("\\|", 2);
            URI address = parseAddress(addresses[0].trim(), member);
            InetSocketAddress peer = (addresses.length == 2) ? parsePeer(addresses[1].trim(), member)
                    : InetSocketAddress.createUnresolved(address.getHost(), address.getPort() + 100);
            if (parsed.put(id, new Member(id, address, peer)) != null) {
                throw new IllegalArgumentException("coordination.members names member " + id + " twice");
            }
        }
        return parsed;
    }

    private static int parseId(String id, String member) {
        try {
            int value = Integer.parseInt(id);
            if (value < 1 || value > 1000) {
                throw new NumberFormatException();
            }
            return value;
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException(
                    "coordination.members entry '" + member + "' needs a member id from 1 to 1000 before '='");
        }
    }

    private static URI parseAddress(String address, String member) {
        URI uri;
        try {
            uri = URI.create(address);
        }
        catch (IllegalArgumentException ex) {
            uri = null;
        }
        if (uri == null || !"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getPort() < 1
                || uri.getPort() > 65435) {
            throw new IllegalArgumentException("coordination.members entry '" + member
                    + "' needs an http(s) address with a port after '=', e.g. http://127.0.0.1:9101");
        }
        return uri;
    }

    private static InetSocketAddress parsePeer(String peer, String member) {
        int colon = peer.lastIndexOf(':');
        try {
            int port = Integer.parseInt(peer.substring(colon + 1));
            if (colon < 1 || port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return InetSocketAddress.createUnresolved(peer.substring(0, colon), port);
        }
        catch (NumberFormatException | StringIndexOutOfBoundsException ex) {
            throw new IllegalArgumentException("coordination.members entry '" + member
                    + "' needs a peer address host:port after '|', e.g. 1=http://127.0.0.1:9101|127.0.0.1:9201");
        }
    }

}
