package dev.distsys.coordination.server.api;

import java.util.List;

import dev.distsys.shared.problem.FieldViolation;
import dev.distsys.shared.problem.ProblemException;

/** The optional client session headers ({@link RaftHeaders#CLIENT_ID}, serial). */
final class Sessions {

    private Sessions() {
    }

    static long serial(String header) {
        try {
            long serial = Long.parseLong(header);
            if (serial > 0) {
                return serial;
            }
        }
        catch (NumberFormatException ex) {
            // answered below
        }
        throw ProblemException
            .invalid(List.of(new FieldViolation(RaftHeaders.CLIENT_SERIAL, "must be a positive integer")));
    }

}
