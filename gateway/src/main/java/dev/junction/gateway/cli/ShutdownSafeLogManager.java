package dev.junction.gateway.cli;

import java.util.logging.LogManager;

/**
 * The JDK's log manager closes every handler from a shutdown hook of its own, which races with
 * Junction's: requests finishing during a graceful stop would lose their log lines. This one
 * ignores that early reset; Junction resets it after its own stop has finished.
 */
public final class ShutdownSafeLogManager extends LogManager {
    private volatile boolean finishing;

    @Override
    public void reset() {
        if (finishing || !shuttingDown()) {
            super.reset();
        }
    }

    /** Called last, once Junction has stopped: flushes and closes the handlers for real. */
    void finish() {
        finishing = true;
        super.reset();
    }

    private static boolean shuttingDown() {
        try {
            Thread hook = new Thread(() -> {});
            Runtime.getRuntime().addShutdownHook(hook);
            Runtime.getRuntime().removeShutdownHook(hook);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** Finishes the log manager if it is this one (it is unless the JVM was started otherwise). */
    static void finishIfInstalled() {
        if (LogManager.getLogManager() instanceof ShutdownSafeLogManager manager) {
            manager.finish();
        }
    }
}
