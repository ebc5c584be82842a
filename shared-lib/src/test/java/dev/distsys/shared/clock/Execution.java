package dev.distsys.shared.clock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

/**
 * A simulated run of a few processes exchanging messages, stamping every event with both
 * clocks and keeping the true happened-before relation (program order plus send-receive
 * edges, transitively closed) to check the clocks against.
 */
final class Execution {

    record Event(int index, int process, long lamport, VectorTimestamp vector) {
    }

    private record Message(int sendEvent, long lamport, VectorTimestamp vector) {
    }

    private final List<LamportClock> lamportClocks = new ArrayList<>();

    private final List<VectorClock> vectorClocks = new ArrayList<>();

    private final List<Deque<Message>> inboxes = new ArrayList<>();

    private final int[] lastEventOf;

    private final List<Event> events = new ArrayList<>();

    /** {@code past.get(i)} holds every event that happened before event i. */
    private final List<BitSet> past = new ArrayList<>();

    private final List<int[]> messages = new ArrayList<>();

    private Execution(int processes) {
        this.lastEventOf = new int[processes];
        for (int p = 0; p < processes; p++) {
            this.lamportClocks.add(LamportClock.create());
            this.vectorClocks.add(VectorClock.forProcess("p" + p, processes));
            this.inboxes.add(new ArrayDeque<>());
            this.lastEventOf[p] = -1;
        }
    }

    /**
     * Interprets each choice as one step: a local event, a send to another process, or
     * the delivery of the oldest message waiting for a process (delivery order per
     * receiver is FIFO, but the interleaving across processes is arbitrary).
     */
    static Execution run(int processes, List<Integer> choices) {
        Execution execution = new Execution(processes);
        for (int choice : choices) {
            int process = choice % processes;
            int peer = (choice / processes) % processes;
            switch ((choice / (processes * processes)) % 3) {
                case 0 -> execution.local(process);
                case 1 -> execution.send(process, peer);
                default -> execution.deliver(process);
            }
        }
        return execution;
    }

    private void local(int process) {
        record(process, this.lamportClocks.get(process).tick(), this.vectorClocks.get(process).tick(), -1);
    }

    private void send(int from, int to) {
        Event send = record(from, this.lamportClocks.get(from).tick(), this.vectorClocks.get(from).tick(), -1);
        this.inboxes.get(to).add(new Message(send.index(), send.lamport(), send.vector()));
    }

    private void deliver(int process) {
        Message message = this.inboxes.get(process).poll();
        if (message == null) {
            local(process);
            return;
        }
        Event receive = record(process, this.lamportClocks.get(process).receive(message.lamport()),
                this.vectorClocks.get(process).receive(message.vector()), message.sendEvent());
        this.messages.add(new int[] { message.sendEvent(), receive.index() });
    }

    private Event record(int process, long lamport, VectorTimestamp vector, int sendEvent) {
        Event event = new Event(this.events.size(), process, lamport, vector);
        BitSet causalPast = new BitSet();
        inherit(causalPast, this.lastEventOf[process]);
        inherit(causalPast, sendEvent);
        this.events.add(event);
        this.past.add(causalPast);
        this.lastEventOf[process] = event.index();
        return event;
    }

    private void inherit(BitSet causalPast, int predecessor) {
        if (predecessor >= 0) {
            causalPast.set(predecessor);
            causalPast.or(this.past.get(predecessor));
        }
    }

    List<Event> events() {
        return this.events;
    }

    /** Pairs of (send event index, receive event index). */
    List<int[]> messages() {
        return this.messages;
    }

    boolean happenedBefore(Event a, Event b) {
        return this.past.get(b.index()).get(a.index());
    }

}
