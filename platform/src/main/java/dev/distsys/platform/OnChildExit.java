package dev.distsys.platform;

/**
 * What the runner does when a child process exits on its own after the platform is ready.
 * During start-up any death fails the start regardless of this policy.
 */
enum OnChildExit {

    /**
     * Report it and keep the rest running, so that killing an instance on purpose (to
     * watch load balancing, leader election or a saga's recovery) is an experiment, not
     * the end of the platform. The default.
     */
    CONTINUE,

    /** Report it and stop the whole platform, exiting with status 1. */
    STOP

}
