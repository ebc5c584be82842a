package dev.distsys.coordination.raft.trace;

import dev.distsys.coordination.raft.Message;

/** One line per message, stable across runs, for trace files. */
final class TraceFormat {

    private TraceFormat() {
    }

    static String message(Message message) {
        String head = message.from() + "->" + message.to() + " ";
        return head + switch (message) {
            case Message.VoteRequest m -> (m.preVote() ? "PreVote" : "Vote") + " term=" + m.term() + " last="
                    + m.lastLogIndex() + "/" + m.lastLogTerm() + (m.transfer() ? " transfer" : "");
            case Message.VoteResponse m -> (m.preVote() ? "PreVoteResp" : "VoteResp") + " term=" + m.term()
                    + (m.granted() ? " granted" : " rejected");
            case Message.AppendRequest m -> "App term=" + m.term() + " prev=" + m.prevLogIndex() + "/" + m.prevLogTerm()
                    + " commit=" + m.commit() + " entries=" + m.entries();
            case Message.AppendResponse m -> "AppResp term=" + m.term() + (m.success() ? " match=" + m.matchIndex()
                    : " reject=" + m.rejectedIndex() + " hint=" + m.hintIndex() + "/" + m.hintTerm());
            case Message.Heartbeat m ->
                "Heartbeat term=" + m.term() + " commit=" + m.commit() + " round=" + m.readRound();
            case Message.HeartbeatResponse m -> "HeartbeatResp term=" + m.term() + " round=" + m.readRound();
            case Message.SnapshotChunk m -> "Snapshot term=" + m.term() + " index=" + m.snapshotIndex() + "/"
                    + m.snapshotTerm() + " bytes=[" + m.offset() + "," + (m.offset() + m.data().length) + ")/"
                    + m.totalBytes() + (m.last() ? " last" : "");
            case Message.SnapshotResponse m -> "SnapshotResp term=" + m.term() + " index=" + m.snapshotIndex()
                    + (m.installed() ? " installed match=" + m.matchIndex() : " next=" + m.nextOffset());
            case Message.TimeoutNow m -> "TimeoutNow term=" + m.term();
        };
    }

}
