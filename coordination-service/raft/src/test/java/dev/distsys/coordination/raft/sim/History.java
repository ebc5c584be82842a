package dev.distsys.coordination.raft.sim;

import java.util.ArrayList;
import java.util.List;

/** The client-visible history, with a global event counter as time. */
final class History {

    private final List<Operation> operations = new ArrayList<>();

    private long clock;

    long invoke() {
        return ++this.clock;
    }

    void complete(KvCommand command, long call, String output) {
        this.operations.add(new Operation(this.operations.size(), command.clientId(), command.kind(), command.key(),
                command.value(), command.expected(), call, ++this.clock, output));
    }

    void abandon(KvCommand command, long call) {
        this.operations.add(new Operation(this.operations.size(), command.clientId(), command.kind(), command.key(),
                command.value(), command.expected(), call, Long.MAX_VALUE, null));
    }

    List<Operation> operations() {
        return this.operations;
    }

}
