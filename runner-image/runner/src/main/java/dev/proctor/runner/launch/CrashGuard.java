package dev.proctor.runner.launch;

import java.util.Map;

/**
 * What lets a shard report the tests that completed when one of them takes the JVM down with it.
 *
 * <ul>
 *   <li>A heap reserve, released when an {@link OutOfMemoryError} reaches the runner, so that the summary and the
 *       JUnit XML can still be built: 1/32 of the maximum heap, between 1 and 32 MiB.</li>
 *   <li>A shutdown hook for a JVM that is asked to stop before the runner finished: a test calling
 *       {@code System.exit} (found by the thread blocked in {@code Runtime.exit}), or a SIGTERM (the Job's deadline,
 *       the pod deleted). The hook writes the outputs from what completed, naming the test that was running; after a
 *       {@code System.exit} it halts with exit code 2 (a runner error: the test would do it again), after a signal it
 *       lets the JVM end with the signal's code, so the operator sees a killed container whose summary is a
 *       checkpoint.</li>
 * </ul>
 * A JVM killed outright (SIGKILL, the kernel's OOM killer) runs no hook: for that the runner keeps a checkpoint
 * in the termination log before and after every test ({@link Checkpoint}).
 */
final class CrashGuard {
    private static final long MIB = 1024 * 1024;
    private static volatile byte[] reserve;

    private final Thread hook;
    private volatile boolean finished;

    /** @param onStop told why the JVM is stopping early; returns the exit code to halt with, or -1 to let it end */
    CrashGuard(java.util.function.Function<String, Integer> onStop) {
        this.hook = new Thread(() -> {
            if (finished) return;
            String exitCall = exitCall();
            int code = onStop.apply(exitCall == null ? null : exitCall);
            if (code >= 0) Runtime.getRuntime().halt(code);
        }, "proctor-crash-guard");
    }

    static void reserveHeap() {
        long size = Math.max(MIB, Math.min(32 * MIB, Runtime.getRuntime().maxMemory() / 32));
        reserve = new byte[(int) size];
    }

    /** Frees the reserve (after an OutOfMemoryError), so the outputs can be written. */
    static void releaseHeap() {
        reserve = null;
    }

    static boolean hasReserve() {
        return reserve != null;
    }

    void install() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The runner wrote its outputs: a normal exit needs nothing from the hook. */
    void finished() {
        finished = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook sees finished and returns
        }
    }

    /**
     * Where {@code System.exit} was called, if a thread is blocked in it: "System.exit called at
     * shop.CheckoutTest.pays(CheckoutTest.java:42)", else null (a signal).
     */
    static String exitCall() {
        for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] frames = thread.getValue();
            for (int i = 0; i < frames.length; i++) {
                if (frames[i].getClassName().equals("java.lang.Runtime") && frames[i].getMethodName().equals("exit")) {
                    for (int j = i + 1; j < frames.length; j++) {
                        String cls = frames[j].getClassName();
                        if (!cls.equals("java.lang.System") && !cls.equals("java.lang.Runtime")) {
                            StackTraceElement at = frames[j];
                            return "System.exit called at " + at.getClassName() + "." + at.getMethodName() + "("
                                    + at.getFileName() + ":" + at.getLineNumber() + ")";
                        }
                    }
                    return "System.exit called";
                }
            }
        }
        return null;
    }
}
