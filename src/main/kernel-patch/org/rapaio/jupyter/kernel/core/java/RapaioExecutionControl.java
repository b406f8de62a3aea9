/*
 * A replacement for rapaio-jupyter-kernel 3.0.1's class (MIT licence, (c) Aurelian Tutuianu), put
 * ahead of its jar on the kernel's classpath by ./course setup.
 *
 * The original ran snippets on a thread pool. On Jupyter's interrupt it cancelled the snippet's
 * future, so the cell's code ran on unseen, and then shut the pool down for good: every later
 * snippet was refused, a refusal JShell swallows, so each later cell answered "ok" and showed
 * nothing (no println, no value).
 *
 * Here a snippet runs as in JShell's own local execution (LocalExecutionControl: a thread per
 * snippet, JShell's stop), and an interrupt is handled in three steps:
 *   1. the snippet's thread is interrupted (Thread.interrupt), and code that checks the flag ends
 *      cleanly (Thread.sleep, blocking I/O, the course's training loops between batches);
 *   2. if it is still running after GRACE_MILLIS, JShell's stop ends it the hard way (Java 17-19:
 *      ThreadDeath at once; Java 22 and later: at the next loop turn or call in the cell's code);
 *      a second interrupt takes this step at once;
 *   3. if even that does not end it (a loop inside a library on Java 20 and later), the cell is
 *      given up after another GRACE_MILLIS: its code goes on in the background, and the message
 *      says so and how to end it (restart the kernel).
 * Whichever step ends it, the cell fails with one line (EvaluationInterruptedException, whose
 * message this class provides) and the kernel goes on with the next cell.
 */
package org.rapaio.jupyter.kernel.core.java;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jdk.jshell.execution.LocalExecutionControl;

public class RapaioExecutionControl extends LocalExecutionControl {

    public static final String TIMEOUT_MARKER = "## Timeout Marker ##";
    public static final String INTERRUPTED_MARKER = "## Interrupted Marker ##";

    /** How long an interrupted cell may take to end by itself, before each harder step. */
    static final long GRACE_MILLIS = 2000;

    private static final Method RUN_SNIPPET;
    /** The one-line message of the interrupt that ended the last snippet, for EvaluationInterruptedException. */
    private static final ThreadLocal<String> INTERRUPT_MESSAGE = new ThreadLocal<>();
    /** The snippet that runSnippet() runs: JShell calls it with no arguments, on the snippet's thread. */
    private static volatile Run pending;

    static {
        try {
            RUN_SNIPPET = RapaioExecutionControl.class.getMethod("runSnippet");
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long timeoutTime;
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "Interrupt-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private final Object lock = new Object();
    private Run current;

    /** One snippet's run: its method, the thread waiting for it, the thread running it and what happened. */
    private static final class Run {
        final Method doit;
        final Thread caller;
        final long start = System.nanoTime();
        volatile Thread thread;
        volatile Object value;
        volatile boolean interrupted;
        volatile boolean timedOut;
        volatile boolean stopping;
        volatile boolean stoppedAtOnce;
        volatile boolean abandoned;

        Run(Method doit, Thread caller) {
            this.doit = doit;
            this.caller = caller;
        }

        void started(Thread snippetThread) {
            thread = snippetThread;
            if (interrupted) {
                snippetThread.interrupt();
            }
        }

        void interruptThread() {
            Thread snippetThread = thread;
            if (snippetThread != null) {
                snippetThread.interrupt();
            }
        }
    }

    public RapaioExecutionControl(long timeoutTime) {
        this.timeoutTime = timeoutTime;
    }

    public long getTimeout() {
        return timeoutTime;
    }

    /** The value of the snippet that returned {@code key}; null when it had none (a statement, a null value). */
    public Object takeResult(String key) {
        return results.remove(key);
    }

    /** The one-line message of the interrupt that ended the last snippet on this thread (read once). */
    static String takeInterruptMessage() {
        String message = INTERRUPT_MESSAGE.get();
        INTERRUPT_MESSAGE.remove();
        return message != null ? message : "Interrupted.";
    }

    /** Runs the pending snippet on the thread JShell made for it; public because JShell invokes it by reflection. */
    public static void runSnippet() throws Throwable {
        Run run = pending;
        run.started(Thread.currentThread());
        try {
            run.value = run.doit.invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        results.clear();
        Run run = new Run(doit, Thread.currentThread());
        synchronized (lock) {
            current = run;
        }
        pending = run;
        ScheduledFuture<?> timeout = timeoutTime > 0
                ? watchdog.schedule(() -> interrupt(run, true), timeoutTime, TimeUnit.MILLISECONDS)
                : null;
        try {
            super.invoke(RUN_SNIPPET);
        } catch (InvocationTargetException e) {
            if (run.interrupted) {
                throw interrupted(run, e.getCause());
            }
            throw e;
        } catch (StoppedException | InterruptedException e) {
            throw interrupted(run, null);
        } finally {
            if (timeout != null) {
                timeout.cancel(false);
            }
            synchronized (lock) {
                current = null;
            }
            pending = null;
            // Giving up on a snippet interrupts this (the kernel's shell) thread to end its wait;
            // the flag must not outlive this call.
            Thread.interrupted();
        }
        String key = UUID.randomUUID().toString();
        if (run.value != null) {
            results.put(key, run.value);
        }
        return key;
    }

    /** Jupyter's interrupt: interrupts the running snippet; a second interrupt stops it at once. */
    public void interrupt() {
        Run run;
        synchronized (lock) {
            run = current;
        }
        if (run != null) {
            interrupt(run, false);
        }
    }

    private void interrupt(Run run, boolean timedOut) {
        synchronized (run) {
            if (run.interrupted) {
                if (!run.stopping) {
                    run.stoppedAtOnce = true;
                    hardStop(run);
                }
                return;
            }
            run.interrupted = true;
            run.timedOut = timedOut;
        }
        run.interruptThread();
        watchdog.schedule(() -> hardStop(run), GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Step 2: JShell's stop, if the snippet is still running. */
    private void hardStop(Run run) {
        synchronized (run) {
            if (run.stopping || !isRunning(run)) {
                return;
            }
            run.stopping = true;
        }
        try {
            super.stop();
        } catch (InternalException | EngineTerminationException | RuntimeException e) {
            // Java 20 and 21 refuse ThreadDeath (UnsupportedOperationException); step 3 follows.
        }
        watchdog.schedule(() -> abandon(run), GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Step 3: stop waiting for a snippet that could not be stopped. */
    private void abandon(Run run) {
        synchronized (lock) {
            if (current == run) {
                run.abandoned = true;
                run.caller.interrupt();
            }
        }
    }

    private boolean isRunning(Run run) {
        synchronized (lock) {
            return current == run;
        }
    }

    /**
     * JShell's stop, which rapaio's JavaEngine calls right after interrupt(): interrupt() has
     * already arranged it, after the grace period, so that the cell can end cleanly first.
     */
    @Override
    public void stop() {
    }

    private UserException interrupted(Run run, Throwable cause) {
        String message = interruptMessage(run, cause);
        INTERRUPT_MESSAGE.set(message);
        return new UserException(message, run.timedOut ? TIMEOUT_MARKER : INTERRUPTED_MARKER, new StackTraceElement[0]);
    }

    private static String interruptMessage(Run run, Throwable cause) {
        String after = String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - run.start) / 1e9);
        if (run.abandoned) {
            return "Interrupted after " + after + ", but the cell's code could not be stopped and goes on in the "
                    + "background; restart the kernel to end it.";
        }
        if (cause == null || cause.getClass().getName().equals("java.lang.ThreadDeath")) {
            return "Interrupted after " + after + (run.stoppedAtOnce
                    ? ": the second interrupt stopped the cell at once."
                    : ": the cell did not stop within " + GRACE_MILLIS / 1000 + " s, so the kernel stopped it.");
        }
        String text = cause.getMessage() == null ? "" : cause.getMessage().strip().lines().findFirst().orElse("");
        String name = cause.getClass().getSimpleName();
        if (cause instanceof InterruptedException || text.isEmpty()) {
            return "Interrupted after " + after + ".";
        }
        if (name.endsWith("InterruptedException")) {
            return text;
        }
        return "Interrupted after " + after + ": " + name + ": " + text;
    }
}
