package dev.distsys.shared.leadership;

import java.util.Optional;

/**
 * Chooses which instance of a service runs a singleton job (the saga deadline sweeper,
 * shipment dispatch, the outbox relay). Leadership here is for efficiency: the jobs stay
 * correct without it (row locks, {@code SKIP LOCKED} and transaction-scoped advisory
 * locks guard their effects), so a short overlap of two leaders after a failover costs
 * duplicate work, never a wrong result.
 */
public interface LeaderElection {

    /**
     * Whether this instance leads {@code role} now, becoming leader if nobody does.
     * @return the leadership with its term, or empty when another instance leads
     */
    Optional<Leadership> tryLead(String role);

}
