package dev.distsys.coordination.server.node;

/** A watch asked for revisions this member no longer keeps (HTTP 410). */
public final class CompactedException extends RuntimeException {

    private final long compactedRevision;

    CompactedException(long fromRevision, long compactedRevision) {
        super("revision " + fromRevision + " is compacted: this member keeps changes after revision "
                + compactedRevision);
        this.compactedRevision = compactedRevision;
    }

    public long compactedRevision() {
        return this.compactedRevision;
    }

}
