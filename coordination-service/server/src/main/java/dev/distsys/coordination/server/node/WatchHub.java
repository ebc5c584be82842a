package dev.distsys.coordination.server.node;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

import dev.distsys.coordination.server.state.KvEvent;

/**
 * Key changes as this member applied them, for watchers: a bounded history (older
 * revisions are compacted away and answer 410) and live subscribers, each with a bounded
 * queue. A subscriber that falls too far behind is closed rather than skipped, so a
 * watcher never misses an event silently. Driver thread only, except
 * {@link Watcher#next()}.
 */
public final class WatchHub {

    private final int historyCapacity;

    private final int queueCapacity;

    private final int maxWatchers;

    private final ArrayDeque<KvEvent> history = new ArrayDeque<>();

    private final List<Watcher> watchers = new ArrayList<>();

    /** Events at or below this revision are no longer available. */
    private long compactedRevision;

    WatchHub(int historyCapacity, int queueCapacity, int maxWatchers) {
        this.historyCapacity = historyCapacity;
        this.queueCapacity = queueCapacity;
        this.maxWatchers = maxWatchers;
    }

    /**
     * The state was replaced by a snapshot at {@code revision}: history restarts there.
     */
    void reset(long revision) {
        this.history.clear();
        this.compactedRevision = revision;
        this.watchers.forEach(Watcher::overflow);
        this.watchers.clear();
    }

    void publish(List<KvEvent> events) {
        for (KvEvent event : events) {
            this.history.addLast(event);
            if (this.history.size() > this.historyCapacity) {
                this.compactedRevision = this.history.removeFirst().revision();
            }
            Iterator<Watcher> it = this.watchers.iterator();
            while (it.hasNext()) {
                Watcher watcher = it.next();
                if (watcher.cancelled || !watcher.offer(event)) {
                    it.remove();
                }
            }
        }
    }

    long compactedRevision() {
        return this.compactedRevision;
    }

    int watcherCount() {
        return this.watchers.size();
    }

    Watcher subscribe(String prefix, long fromRevision) {
        if (fromRevision <= this.compactedRevision && this.compactedRevision > 0) {
            throw new CompactedException(fromRevision, this.compactedRevision);
        }
        this.watchers.removeIf((w) -> w.cancelled);
        if (this.watchers.size() >= this.maxWatchers) {
            throw new UnavailableException("too many watchers (" + this.maxWatchers + ") on this member", 1);
        }
        List<KvEvent> backlog = this.history.stream()
            .filter((e) -> e.revision() >= fromRevision && e.key().startsWith(prefix))
            .toList();
        Watcher watcher = new Watcher(prefix, this.queueCapacity + backlog.size());
        backlog.forEach(watcher::offer);
        this.watchers.add(watcher);
        return watcher;
    }

    /** One subscriber's queue of events, in revision order. */
    public static final class Watcher {

        private static final KvEvent OVERFLOW = new KvEvent("OVERFLOW", "", null, -1);

        private final String prefix;

        private final LinkedBlockingQueue<KvEvent> queue;

        private volatile boolean cancelled;

        Watcher(String prefix, int capacity) {
            this.prefix = prefix;
            this.queue = new LinkedBlockingQueue<>(capacity + 1);
        }

        boolean offer(KvEvent event) {
            if (!event.key().startsWith(this.prefix)) {
                return true;
            }
            if (this.queue.remainingCapacity() <= 1) {
                overflow();
                return false;
            }
            return this.queue.offer(event);
        }

        void overflow() {
            this.queue.offer(OVERFLOW);
        }

        /**
         * @return the next event, null if none arrived within the wait
         * @throws WatcherOverflowException if this watcher fell behind and was dropped
         */
        public KvEvent next(long waitMs) throws InterruptedException {
            KvEvent event = this.queue.poll(waitMs, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (event == OVERFLOW) {
                throw new WatcherOverflowException();
            }
            return event;
        }

        public void cancel() {
            this.cancelled = true;
        }

    }

    /** The watcher fell behind; it must watch again from its last revision + 1. */
    public static final class WatcherOverflowException extends RuntimeException {

        WatcherOverflowException() {
            super("the watcher fell behind and was closed: watch again from the last revision + 1");
        }

    }

}
