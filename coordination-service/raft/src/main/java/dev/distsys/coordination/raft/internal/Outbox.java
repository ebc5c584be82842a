package dev.distsys.coordination.raft.internal;

import java.util.ArrayList;
import java.util.List;

import dev.distsys.coordination.raft.Message;

/** Messages produced since the last Ready. */
public final class Outbox {

    private List<Message> messages = new ArrayList<>();

    public void add(Message message) {
        this.messages.add(message);
    }

    public boolean isEmpty() {
        return this.messages.isEmpty();
    }

    public List<Message> drain() {
        List<Message> out = this.messages;
        this.messages = new ArrayList<>();
        return out;
    }

}
