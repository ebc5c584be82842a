package dev.distsys.coordination.raft.internal;

import java.util.HashMap;
import java.util.Map;

import dev.distsys.coordination.raft.Membership;

/**
 * A node's role and the state that only exists in that role (etcd raft swaps step and
 * tick functions in becomeLeader; here the type carries the state). {@link #check}
 * rejects transitions the Raft paper's Figure 4 does not draw.
 */
public sealed interface Role permits Role.Follower, Role.PreCandidate, Role.Candidate, Role.Leader {

    /** Learners are followers that never campaign. */
    record Follower() implements Role {
    }

    /** Collects pre-votes without changing the term (dissertation §9.6). */
    record PreCandidate(VoteTally tally) implements Role {
    }

    record Candidate(VoteTally tally) implements Role {
    }

    /**
     * @param state replication, reads and transfer, which exist only while leading
     */
    record Leader(LeaderState state) implements Role {
    }

    /**
     * Guards the role graph of Raft Figure 4 (plus pre-candidacy).
     * @param from the current role
     * @param to the next role
     * @throws IllegalStateException on an impossible transition
     */
    static void check(Role from, Role to) {
        boolean allowed = switch (to) {
            case Follower f -> true;
            case PreCandidate p -> !(from instanceof Leader);
            case Candidate c -> !(from instanceof Leader);
            case Leader l -> from instanceof Candidate;
        };
        if (!allowed) {
            throw new IllegalStateException("impossible role transition " + from.getClass().getSimpleName() + " -> "
                    + to.getClass().getSimpleName());
        }
    }

    /** Votes received in one (pre-)election. */
    final class VoteTally {

        private final Map<Long, Boolean> votes = new HashMap<>();

        /** Outcome of an election. */
        public enum Result {

            WON, LOST, PENDING

        }

        public void record(long from, boolean granted) {
            this.votes.putIfAbsent(from, granted);
        }

        public Result result(Membership membership) {
            int granted = 0;
            int rejected = 0;
            for (Long voter : membership.voters()) {
                Boolean vote = this.votes.get(voter);
                if (vote == null) {
                    continue;
                }
                if (vote) {
                    granted++;
                }
                else {
                    rejected++;
                }
            }
            if (granted >= membership.quorum()) {
                return Result.WON;
            }
            if (rejected > membership.voters().size() - membership.quorum()) {
                return Result.LOST;
            }
            return Result.PENDING;
        }

    }

    /** A leadership transfer in progress (dissertation §3.10). */
    final class LeaderTransfer {

        private long target;

        private int elapsedTicks;

        public long target() {
            return this.target;
        }

        public void start(long newTarget) {
            this.target = newTarget;
            this.elapsedTicks = 0;
        }

        public void clear() {
            this.target = 0;
        }

        /**
         * @return whether the transfer exceeded its time budget and was abandoned
         */
        public boolean tick(int limitTicks) {
            if (this.target == 0) {
                return false;
            }
            if (++this.elapsedTicks >= limitTicks) {
                this.target = 0;
                return true;
            }
            return false;
        }

    }

}
