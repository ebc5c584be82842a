package dev.distsys.coordination.server.api;

import java.nio.charset.StandardCharsets;

import dev.distsys.shared.problem.ProblemException;
import dev.distsys.shared.problem.ProblemType;

import org.springframework.http.HttpStatus;

/**
 * The shapes of names the API accepts (CONTRACT.md: ids are 1-100 of [A-Za-z0-9._:-]).
 */
final class Ids {

    static final String ID = "[A-Za-z0-9._:-]{1,100}";

    static final String ID_MESSAGE = "must be 1-100 characters of [A-Za-z0-9._:-]";

    /** Keys are ids up to 256 characters, so that prefixes can carry structure. */
    static final String KEY = "[A-Za-z0-9._:-]{1,256}";

    static final String KEY_MESSAGE = "must be 1-256 characters of [A-Za-z0-9._:-]";

    static final String PREFIX = "[A-Za-z0-9._:-]{0,256}";

    static final String CONSISTENCY = "linearizable|serializable";

    private Ids() {
    }

    /** Large values answer 413, like large bodies, rather than 400. */
    static void checkSize(String field, String value, int maxBytes) {
        if (value != null && value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, ProblemType.PAYLOAD_TOO_LARGE,
                    field + " is larger than " + maxBytes + " bytes");
        }
    }

}
