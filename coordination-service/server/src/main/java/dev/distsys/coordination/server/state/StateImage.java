package dev.distsys.coordination.server.state;

import java.util.List;

/** The whole replicated state, as a snapshot stores it. */
record StateImage(long revision, List<KeyValue> keys, List<LeaseImage> leases, List<MutexImage> mutexes,
        List<Instance> instances, List<SessionImage> sessions) {

    record LeaseImage(String id, long ttlMs, long elapsedMs, long renewals) {
    }

    record MutexImage(MutexKind kind, String name, String holderLease, String holderValue, long token, long lastToken,
            List<Mutex.Waiter> waiters) {
    }

    record SessionImage(String clientId, long maxSerial, List<Long> serials, List<Result> results) {
    }

}
