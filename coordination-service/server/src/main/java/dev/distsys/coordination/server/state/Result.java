package dev.distsys.coordination.server.state;

/**
 * What applying a command answered.
 *
 * @param code the outcome
 * @param revision the store's revision after the command
 * @param value the number the caller asked for: a fencing token, an election term, a
 * current revision on a conflict, a count of deleted keys or a TTL
 * @param detail a human explanation of a refusal, or null
 */
public record Result(Code code, long revision, long value, String detail) {

    public enum Code {

        OK,
        /** Not held yet: queued behind the current holder. */
        QUEUED, CONFLICT, NOT_FOUND

    }

    static Result ok(long revision, long value) {
        return new Result(Code.OK, revision, value, null);
    }

    static Result queued(long revision) {
        return new Result(Code.QUEUED, revision, 0, null);
    }

    static Result conflict(long revision, long value, String detail) {
        return new Result(Code.CONFLICT, revision, value, detail);
    }

    static Result notFound(long revision, String detail) {
        return new Result(Code.NOT_FOUND, revision, 0, detail);
    }

}
