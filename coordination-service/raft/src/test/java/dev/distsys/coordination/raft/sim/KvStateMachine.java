package dev.distsys.coordination.raft.sim;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replicated state machine of the workload: keys with string values, plus one session
 * per client remembering its last serial number and answer, so a retried write is not
 * applied twice (dissertation §6.3). Sessions are part of the snapshot: losing them would
 * re-apply retries.
 */
final class KvStateMachine {

    private final Map<String, String> data = new TreeMap<>();

    private final Map<Long, long[]> sessionSerials = new TreeMap<>();

    private final Map<Long, String> sessionResults = new TreeMap<>();

    String apply(KvCommand command) {
        long[] last = this.sessionSerials.get(command.clientId());
        if (last != null && command.serial() <= last[0]) {
            return (command.serial() == last[0]) ? this.sessionResults.get(command.clientId()) : "stale";
        }
        String result = switch (command.kind()) {
            case PUT -> {
                this.data.put(command.key(), command.value());
                yield "ok";
            }
            case CAS -> {
                boolean matches = java.util.Objects.equals(this.data.get(command.key()), command.expected());
                if (matches) {
                    this.data.put(command.key(), command.value());
                }
                yield Boolean.toString(matches);
            }
            case GET -> throw new IllegalArgumentException("reads are not logged");
        };
        this.sessionSerials.put(command.clientId(), new long[] { command.serial() });
        this.sessionResults.put(command.clientId(), result);
        return result;
    }

    String get(String key) {
        return this.data.get(key);
    }

    byte[] snapshot() {
        StringBuilder text = new StringBuilder();
        this.data.forEach((k, v) -> text.append("d ").append(k).append(' ').append(v).append('\n'));
        this.sessionSerials.forEach((client, serial) -> text.append("s ")
            .append(client)
            .append(' ')
            .append(serial[0])
            .append(' ')
            .append(this.sessionResults.get(client))
            .append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static KvStateMachine restore(byte[] bytes) {
        KvStateMachine machine = new KvStateMachine();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(" ");
            if (parts[0].equals("d")) {
                machine.data.put(parts[1], parts[2]);
            }
            else {
                long client = Long.parseLong(parts[1]);
                machine.sessionSerials.put(client, new long[] { Long.parseLong(parts[2]) });
                machine.sessionResults.put(client, parts[3]);
            }
        }
        return machine;
    }

}
