package dev.junction.gateway.cli;

import java.lang.System.Logger.Level;

/** The process signals {@code junction serve} answers besides SIGTERM and SIGINT (which stop it). */
final class Signals {
    private Signals() {}

    /** Runs {@code action} on a thread of its own at every SIGHUP (where the platform has signals). */
    @SuppressWarnings("removal")
    static void onHangUp(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> Thread.ofVirtual()
                    .name("junction-reload").start(action));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            System.getLogger("junction").log(Level.INFO, "SIGHUP is not available here: reload by restarting");
        }
    }
}
