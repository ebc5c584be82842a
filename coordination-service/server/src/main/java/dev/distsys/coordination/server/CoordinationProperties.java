package dev.distsys.coordination.server;

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
import org.springframework.validation.annotation.Validated;

/**
 * Who this member is and who its peers are.
 *
 * @param memberId this member's id, one of the ids in {@code members}
 * @param dataDir where this member keeps its log, hard state and snapshots
 * @param members every voting member as {@code id=http://host:port}, e.g.
 * {@code 1=http://127.0.0.1:9101,2=http://127.0.0.1:9102,3=http://127.0.0.1:9103}
 */
@Validated
@ConfigurationProperties("coordination")
public record CoordinationProperties(@Min(1) @Max(1000) int memberId, @NotNull Path dataDir, @NotEmpty @Size(max = 9,
        message = "at most 9 voting members: more only slows every commit") List<String> members) {

    public CoordinationProperties {
        Map<Integer, URI> parsed = parseMembers(members);
        if (!parsed.containsKey(memberId)) {
            throw new IllegalArgumentException("coordination.member-id=" + memberId
                    + " is not among coordination.members " + parsed.keySet() + ": add it or fix the id");
        }
    }

    /** The members by id, in the order given. */
    public Map<Integer, URI> memberAddresses() {
        return parseMembers(this.members);
    }

    private static Map<Integer, URI> parseMembers(List<String> members) {
        Map<Integer, URI> parsed = new LinkedHashMap<>();
        for (String member : (members != null) ? members : List.<String>of()) {
            String[] parts = member.split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException(
                        "coordination.members entry '" + member + "' must look like 1=http://127.0.0.1:9101");
            }
            int id = parseId(parts[0].trim(), member);
            URI address = parseAddress(parts[1].trim(), member);
            if (parsed.put(id, address) != null) {
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
        URI uri = URI.create(address);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getPort() < 1) {
            throw new IllegalArgumentException("coordination.members entry '" + member
                    + "' needs an http(s) address with a port after '=', e.g. http://127.0.0.1:9101");
        }
        return uri;
    }

}
