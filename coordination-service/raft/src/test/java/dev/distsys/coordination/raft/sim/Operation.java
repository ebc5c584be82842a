package dev.distsys.coordination.raft.sim;

/**
 * One client operation in the history: invoked at {@code call}, answered at {@code ret}
 * (or {@link Long#MAX_VALUE} if the client never learned the outcome). Times are a global
 * event counter.
 *
 * @param output what the client saw: "ok" for PUT, "true"/"false" for CAS, the value (or
 * null) for GET; null for an unanswered write
 */
record Operation(int id, long clientId, KvCommand.Kind kind, String key, String value, String expected, long call,
        long ret, String output) {

    boolean completed() {
        return this.ret != Long.MAX_VALUE;
    }

    @Override
    public String toString() {
        return "#" + this.id + " c" + this.clientId + " " + this.kind + "(" + this.key
                + ((this.kind == KvCommand.Kind.GET) ? "" : ", " + this.value)
                + ((this.kind == KvCommand.Kind.CAS) ? " if " + this.expected : "") + ") -> " + this.output + " ["
                + this.call + ", " + (completed() ? this.ret : "?") + "]";
    }

}
