package dev.distsys.coordination.server.state;

/**
 * One log entry's payload: a command and the client session it belongs to.
 *
 * @param clientId the client's session id, or null for requests without a session
 * @param serial the client's request number within its session (dissertation §6.3)
 * @param command what to do
 */
public record Proposal(String clientId, long serial, Command command) {

    public static Proposal of(Command command) {
        return new Proposal(null, 0, command);
    }

}
