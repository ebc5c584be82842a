package dev.distsys.coordination.server.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.distsys.coordination.raft.RaftStatus.RoleName;
import dev.distsys.coordination.server.CoordinationNode;
import dev.distsys.coordination.server.CoordinationProperties;
import dev.distsys.coordination.server.node.NodeStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** This member's view of the cluster. */
@RestController
@RequestMapping("/v1/cluster")
@Tag(name = "cluster", description = "Members, roles and replication progress as this member sees them")
class ClusterController {

    private final CoordinationNode node;

    private final CoordinationProperties properties;

    ClusterController(CoordinationNode node, CoordinationProperties properties) {
        this.node = node;
        this.properties = properties;
    }

    @GetMapping
    @Operation(summary = "Leader, term, commit index and every member's role and progress")
    Map<String, Object> cluster(HttpServletResponse response) {
        NodeStatus status = this.node.driver().status();
        response.setHeader(RaftHeaders.REVISION, String.valueOf(status.revision()));
        List<Map<String, Object>> members = new ArrayList<>();
        this.properties.memberList().forEach((id, member) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", String.valueOf(id));
            entry.put("address", member.httpAddress().toString());
            entry.put("peerAddress", member.peerAddressText());
            entry.put("role", role(status, id));
            entry.put("matchIndex", status.matchIndex().get((long) id));
            long last = this.node.lastContactNanos(id);
            entry.put("lastContactMs",
                    (last == Long.MIN_VALUE) ? null : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - last));
            members.add(entry);
        });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("leader", (status.leader() != 0) ? String.valueOf(status.leader()) : null);
        answer.put("term", status.term());
        answer.put("commitIndex", status.commitIndex());
        answer.put("appliedIndex", status.appliedIndex());
        answer.put("revision", status.revision());
        answer.put("self", String.valueOf(status.id()));
        answer.put("members", members);
        return answer;
    }

    private static String role(NodeStatus status, long id) {
        if (id == status.id()) {
            return switch (status.role()) {
                case LEADER -> "LEADER";
                case CANDIDATE, PRE_CANDIDATE -> "CANDIDATE";
                case LEARNER -> "LEARNER";
                case FOLLOWER -> "FOLLOWER";
            };
        }
        if (id == status.leader()) {
            return "LEADER";
        }
        return status.membership().learners().contains(id) ? "LEARNER" : "FOLLOWER";
    }

}
