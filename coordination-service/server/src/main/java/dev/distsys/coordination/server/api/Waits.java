package dev.distsys.coordination.server.api;

import java.util.List;

import dev.distsys.shared.problem.FieldViolation;
import dev.distsys.shared.problem.ProblemException;

/**
 * The {@code waitMs} of lock and campaign requests: 0 by default, bounded by
 * configuration.
 */
final class Waits {

    private Waits() {
    }

    static long bounded(Long waitMs, int maxWaitMs) {
        long wait = (waitMs != null) ? waitMs : 0;
        if (wait > maxWaitMs) {
            throw ProblemException.invalid(List.of(new FieldViolation("waitMs", "must be at most " + maxWaitMs)));
        }
        return wait;
    }

}
