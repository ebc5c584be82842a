package dev.distsys.coordination.server.state;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The results of a client's recent requests (dissertation §6.3), so that a retried
 * request is answered, not applied twice. A window of serials rather than only the last
 * one lets a client keep several requests in flight.
 */
final class Session {

    static final int WINDOW = 64;

    long maxSerial;

    final LinkedHashMap<Long, Result> results = new LinkedHashMap<>() {

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Result> eldest) {
            return size() > WINDOW;
        }

    };

    /**
     * @return true if a request with this serial is too old to tell apart
     */
    boolean isStale(long serial) {
        return serial <= this.maxSerial - WINDOW && !this.results.containsKey(serial);
    }

    void record(long serial, Result result) {
        this.results.put(serial, result);
        this.maxSerial = Math.max(this.maxSerial, serial);
    }

}
