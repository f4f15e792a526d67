package io.sluice.runtime;

/**
 * Interrupts a job's thread when its timeout passes. The lock makes "fire" and "disarm" exclusive, so an interrupt
 * can never land on the thread after the job has finished and moved on to the next message.
 */
final class TimeoutAlarm {
    private final Thread thread;
    private boolean done;
    private boolean fired;

    TimeoutAlarm(Thread thread) {
        this.thread = thread;
    }

    synchronized void fire() {
        if (!done) {
            fired = true;
            thread.interrupt();
        }
    }

    synchronized boolean fired() {
        return fired;
    }

    /** Stops the alarm; clears an interrupt it already delivered, so the thread goes on clean. */
    synchronized void disarm() {
        done = true;
        if (fired) {
            Thread.interrupted();
        }
    }
}
