package dev.distsys.platform;

/**
 * Instances of one phase start together once the previous phase is ready: the gateway
 * last, so that its first request finds every instance it balances over.
 */
enum StartPhase {

    /** Coordination members and the business services (which use coordination lazily). */
    SERVICES,

    /** The gateway, once what it routes to is ready. */
    GATEWAY

}
