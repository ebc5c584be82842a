package dev.distsys.coordination.raft.sim;

import java.nio.charset.StandardCharsets;

/**
 * A replicated key-value command. Clients tag each with a session id and a serial number
 * so that the state machine applies a retried command once (dissertation §6.3).
 *
 * @param kind PUT or CAS
 * @param expected for CAS, the value required (null: absent)
 */
record KvCommand(long clientId, long serial, Kind kind, String key, String value, String expected) {

    enum Kind {

        PUT, CAS, GET

    }

    private static final String NULL = "~";

    byte[] encode() {
        String text = this.clientId + " " + this.serial + " " + this.kind + " " + this.key + " " + this.value + " "
                + ((this.expected != null) ? this.expected : NULL);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static KvCommand decode(byte[] bytes) {
        String[] parts = new String(bytes, StandardCharsets.UTF_8).split(" ");
        return new KvCommand(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Kind.valueOf(parts[2]), parts[3],
                parts[4], NULL.equals(parts[5]) ? null : parts[5]);
    }

}
