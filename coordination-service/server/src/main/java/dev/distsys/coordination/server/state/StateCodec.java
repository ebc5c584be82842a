package dev.distsys.coordination.server.state;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bytes of log entries and snapshots. JSON keeps the on-disk format readable and easy to
 * evolve by adding fields (unknown ones are ignored on read, so an older member can read
 * what a newer one wrote as long as the meaning did not change).
 */
public final class StateCodec {

    private final JsonMapper json = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    public byte[] encode(Proposal proposal) {
        return this.json.writeValueAsBytes(proposal);
    }

    public Proposal decode(byte[] bytes) {
        return this.json.readValue(bytes, Proposal.class);
    }

    public byte[] snapshot(CoordinationState state) {
        return this.json.writeValueAsBytes(state.image());
    }

    public CoordinationState restore(byte[] bytes) {
        if (bytes.length == 0) {
            return new CoordinationState();
        }
        return CoordinationState.from(this.json.readValue(bytes, StateImage.class));
    }

}
