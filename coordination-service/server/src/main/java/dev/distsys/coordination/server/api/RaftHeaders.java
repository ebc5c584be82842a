package dev.distsys.coordination.server.api;

/** Response and request headers of the coordination API. */
final class RaftHeaders {

    /** The store's revision after the operation. */
    static final String REVISION = "X-Raft-Revision";

    /** The id of the leader this member knows. */
    static final String LEADER = "X-Raft-Leader";

    /** The HTTP address of that leader, for clients that follow the hint. */
    static final String LEADER_ADDRESS = "X-Raft-Leader-Address";

    /** Set on a request a follower forwarded, so that it is never forwarded twice. */
    static final String FORWARDED = "X-Raft-Forwarded-By";

    /** A client's session id (with {@link #CLIENT_SERIAL}): retries are answered once. */
    static final String CLIENT_ID = "X-Client-Id";

    static final String CLIENT_SERIAL = "X-Client-Serial";

    private RaftHeaders() {
    }

}
