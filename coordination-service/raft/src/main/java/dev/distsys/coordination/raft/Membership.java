package dev.distsys.coordination.raft;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cluster configuration: voters decide elections and commitment; learners only receive
 * the log.
 *
 * @param voters ids of voting members
 * @param learners ids of non-voting members (disjoint from voters)
 */
public record Membership(Set<Long> voters, Set<Long> learners) {

    /**
     * Bound on members, so that a decoded configuration cannot be made arbitrarily large.
     */
    public static final int MAX_MEMBERS = 64;

    public static final Membership EMPTY = new Membership(Set.of(), Set.of());

    public Membership {
        voters = Collections.unmodifiableSet(new TreeSet<>(voters));
        learners = Collections.unmodifiableSet(new TreeSet<>(learners));
        for (Long id : voters) {
            if (id <= 0 || learners.contains(id)) {
                throw new IllegalArgumentException("invalid or duplicate member " + id);
            }
        }
        for (Long id : learners) {
            if (id <= 0) {
                throw new IllegalArgumentException("invalid learner " + id);
            }
        }
        if (voters.size() + learners.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException("at most " + MAX_MEMBERS + " members");
        }
    }

    public static Membership ofVoters(Long... ids) {
        return new Membership(Set.of(ids), Set.of());
    }

    public boolean isVoter(long id) {
        return this.voters.contains(id);
    }

    public boolean contains(long id) {
        return this.voters.contains(id) || this.learners.contains(id);
    }

    /**
     * @return the number of voters that makes a majority
     */
    public int quorum() {
        return this.voters.size() / 2 + 1;
    }

    /**
     * @return every member, voters first
     */
    public Set<Long> members() {
        Set<Long> all = new TreeSet<>(this.voters);
        all.addAll(this.learners);
        return all;
    }

    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(8 + 8 * (this.voters.size() + this.learners.size()));
        buffer.putInt(this.voters.size()).putInt(this.learners.size());
        this.voters.forEach(buffer::putLong);
        this.learners.forEach(buffer::putLong);
        return buffer.array();
    }

    /**
     * Decodes what {@link #toBytes()} wrote.
     * @param bytes the encoded form
     * @return the membership
     * @throws IllegalArgumentException if the bytes are malformed
     */
    public static Membership fromBytes(byte[] bytes) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException("membership too short: " + bytes.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int voterCount = buffer.getInt();
        int learnerCount = buffer.getInt();
        if (voterCount < 0 || learnerCount < 0 || voterCount + learnerCount > MAX_MEMBERS
                || bytes.length != 8 + 8 * (voterCount + learnerCount)) {
            throw new IllegalArgumentException("malformed membership of " + bytes.length + " bytes");
        }
        Set<Long> voters = new TreeSet<>();
        for (int i = 0; i < voterCount; i++) {
            voters.add(buffer.getLong());
        }
        Set<Long> learners = new TreeSet<>();
        for (int i = 0; i < learnerCount; i++) {
            learners.add(buffer.getLong());
        }
        return new Membership(voters, learners);
    }

    @Override
    public String toString() {
        return "voters=" + this.voters + (this.learners.isEmpty() ? "" : " learners=" + this.learners);
    }

}
