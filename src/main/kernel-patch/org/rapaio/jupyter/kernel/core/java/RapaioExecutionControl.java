/*
 * A replacement for rapaio-jupyter-kernel 3.0.1's class (MIT licence, (c) Aurelian Tutuianu), put
 * ahead of its jar on the kernel's classpath by ./course setup.
 *
 * The original ran snippets on a thread pool. On Jupyter's interrupt it cancelled the snippet's
 * future, so the cell's code ran on unseen, and then shut the pool down for good: every later
 * snippet was refused, a refusal JShell swallows, so each later cell answered "ok" and showed
 * nothing (no println, no value).
 *
 * Here every snippet runs on one long-lived cell thread (a thread per snippet would cost native
 * memory per thread in the engine's libraries: 6 MB a snippet with MXNet's OpenBLAS), while
 * JShell's local execution (LocalExecutionControl) waits for it, so that JShell's own stop
 * applies. An interrupt is handled in three steps:
 *   1. the cell thread is interrupted (Thread.interrupt), and code that checks the flag ends
 *      cleanly (Thread.sleep, blocking I/O, the course's training loops between batches);
 *   2. if the snippet still runs after GRACE_MILLIS (or at a second interrupt), it is stopped the
 *      hard way: Thread.stop where Java has it (17 to 19), else JShell's stop (Java 22 and later:
 *      at the next loop turn or call in the cell's own code);
 *   3. if even that does not end it (a loop inside a library on Java 20 and later), the snippet
 *      is given up after another GRACE_MILLIS: its code goes on in the background on a thread of
 *      its own, and the message says so and how to end it (restart the kernel).
 * Whichever step ends it, the cell fails with one line (EvaluationInterruptedException, whose
 * message this class provides) and the next snippet runs on a fresh cell thread if the old one
 * was stopped or given up.
 *
 * JShell runs a cell's statements as separate snippets and compiles each just before it runs, so
 * an interrupt can come while the cell is between two snippets, with none running. The original
 * (and this class until 2026-11-28) then did nothing, and the cell ran on to its end; now the
 * interrupt is kept for the cell's next snippet, which does not run: the cell fails there (so is
 * an interrupt that a short snippet ended without looking at). The shell channel says when a cell
 * starts and ends (cellStarts, cellEnds), so an interrupt never outlives its cell.
 */
package org.rapaio.jupyter.kernel.core.java;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jdk.jshell.execution.LocalExecutionControl;

public class RapaioExecutionControl extends LocalExecutionControl {

    public static final String TIMEOUT_MARKER = "## Timeout Marker ##";
    public static final String INTERRUPTED_MARKER = "## Interrupted Marker ##";

    /** How long an interrupted snippet may take to end by itself, before each harder step. */
    static final long GRACE_MILLIS = 2000;
    static final long REPEAT_MILLIS = 100;

    private static final AtomicInteger CELL_THREADS = new AtomicInteger();
    private static final Method AWAIT_SNIPPET;
    /** The one-line message of the interrupt that ended the last snippet on this thread, for EvaluationInterruptedException. */
    private static final ThreadLocal<String> INTERRUPT_MESSAGE = new ThreadLocal<>();
    /** The snippet that awaitSnippet() waits for: JShell calls it with no arguments. */
    private static volatile Run pending;

    /** Guards the two fields below: the shell thread and the control thread both read and write them. */
    private static final Object CELL_LOCK = new Object();
    /** Whether the shell is executing a cell (set by the shell channel, around each execute request). */
    private static boolean cellExecuting;
    /** An interrupt that came while the executing cell was between two snippets, for its next one. */
    private static boolean interruptForNextSnippet;

    static {
        try {
            AWAIT_SNIPPET = RapaioExecutionControl.class.getMethod("awaitSnippet");
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
    private ExecutorService cellThread;
    /** Cell threads belong to the kernel's thread group, not to the group JShell waits for. */
    private final ThreadGroup cellThreadGroup = Thread.currentThread().getThreadGroup();
    private final ClassLoader cellContextLoader = Thread.currentThread().getContextClassLoader();

    /** One snippet's run: its method, the thread running it, and how it ended. */
    private static final class Run {
        final Method doit;
        final ExecutorService cellThread;
        final long start = System.nanoTime();
        final CompletableFuture<Object> outcome = new CompletableFuture<>();
        private Thread thread;
        private boolean finished;
        volatile boolean interrupted;
        volatile boolean timedOut;
        volatile boolean stopping;
        volatile boolean stoppedAtOnce;
        volatile boolean abandoned;
        /** Interrupted before it started: the interrupt came between this snippet and the one before. */
        volatile boolean beforeStart;

        Run(Method doit, ExecutorService cellThread) {
            this.doit = doit;
            this.cellThread = cellThread;
        }

        /** Runs the snippet; on the cell thread. */
        void execute() {
            synchronized (this) {
                thread = Thread.currentThread();
                if (interrupted) {
                    thread.interrupt();
                }
            }
            Object value = null;
            Throwable failure = null;
            try {
                value = doit.invoke(null);
            } catch (InvocationTargetException e) {
                failure = e.getCause();
            } catch (Throwable e) {
                failure = e;
            }
            synchronized (this) {
                finished = true;
            }
            // An interrupt meant for this snippet must not reach the next one on this thread.
            Thread.interrupted();
            if (failure != null) {
                outcome.completeExceptionally(failure);
            } else {
                outcome.complete(value);
            }
        }

        synchronized void interruptThread() {
            if (thread != null && !finished) {
                thread.interrupt();
            }
        }

        synchronized Thread runningThread() {
            return finished ? null : thread;
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

    /**
     * What JShell runs, on the thread it makes for each snippet, once it has set up its stop:
     * runs the pending snippet on the cell thread, waits for it and throws what it threw. Public
     * because JShell invokes it by reflection.
     */
    public static void awaitSnippet() throws Throwable {
        Run run = pending;
        run.cellThread.execute(run::execute);
        while (true) {
            try {
                run.outcome.get();
                return;
            } catch (InterruptedException e) {
                // JShell's stop interrupts this thread too; the snippet's outcome decides when the wait ends.
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        }
    }

    private ExecutorService cellThread() {
        if (cellThread == null) {
            cellThread = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(cellThreadGroup, r, "Cell-thread-" + CELL_THREADS.getAndIncrement());
                thread.setDaemon(true);
                thread.setContextClassLoader(cellContextLoader);
                return thread;
            });
        }
        return cellThread;
    }

    /** Leaves the current cell thread to end with the snippet it runs; the next snippet gets a new one. */
    private void retireCellThread() {
        synchronized (lock) {
            if (cellThread != null) {
                cellThread.shutdown();
                cellThread = null;
            }
        }
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        results.clear();
        Run run;
        boolean interruptedBetweenSnippets;
        synchronized (CELL_LOCK) {
            synchronized (lock) {
                run = new Run(doit, cellThread());
                current = run;
            }
            interruptedBetweenSnippets = interruptForNextSnippet;
            interruptForNextSnippet = false;
        }
        pending = run;
        ScheduledFuture<?> timeout = timeoutTime > 0
                ? watchdog.schedule(() -> interrupt(run, true), timeoutTime, TimeUnit.MILLISECONDS)
                : null;
        try {
            if (interruptedBetweenSnippets) {
                run.interrupted = true;
                run.beforeStart = true;
                throw interrupted(run, null);
            }
            super.invoke(AWAIT_SNIPPET);
        } catch (InvocationTargetException e) {
            if (run.interrupted) {
                throw interrupted(run, e.getCause());
            }
            throw e;
        } catch (StoppedException e) {
            throw interrupted(run, null);
        } finally {
            if (timeout != null) {
                timeout.cancel(false);
            }
            synchronized (lock) {
                current = null;
            }
            pending = null;
        }
        if (run.interrupted) {
            // The snippet ended by itself, without looking at the interrupt (a short statement): the
            // interrupt is for the cell, so its next snippet does not run either.
            synchronized (CELL_LOCK) {
                interruptForNextSnippet = cellExecuting;
            }
        }
        String key = UUID.randomUUID().toString();
        Object value = run.outcome.getNow(null);
        if (value != null) {
            results.put(key, value);
        }
        return key;
    }

    /** The shell channel starts executing a cell: no interrupt from before it applies. */
    public static void cellStarts() {
        synchronized (CELL_LOCK) {
            interruptForNextSnippet = false;
            cellExecuting = true;
        }
    }

    /** The shell channel has answered the cell: an interrupt from now on finds no cell. */
    public static void cellEnds() {
        synchronized (CELL_LOCK) {
            cellExecuting = false;
            interruptForNextSnippet = false;
        }
    }

    /**
     * Jupyter's interrupt: interrupts the running snippet; a second interrupt stops it at once.
     * Between two snippets of an executing cell, the cell's next snippet does not run.
     */
    public void interrupt() {
        Run run;
        synchronized (CELL_LOCK) {
            synchronized (lock) {
                run = current;
            }
            if (run == null && cellExecuting) {
                interruptForNextSnippet = true;
            }
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
        // Again every REPEAT_MILLIS of the grace period: code that catches an InterruptedException and
        // goes on (a library's I/O, a display) would otherwise swallow the one interrupt, and the cell,
        // whose loop checks the flag at its next batch, would be stopped the hard way instead.
        for (long t = REPEAT_MILLIS; t < GRACE_MILLIS; t += REPEAT_MILLIS) {
            watchdog.schedule(run::interruptThread, t, TimeUnit.MILLISECONDS);
        }
        watchdog.schedule(() -> hardStop(run), GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Step 2: stops the snippet the hard way, if it still runs. */
    private void hardStop(Run run) {
        Thread thread;
        synchronized (run) {
            thread = run.runningThread();
            if (run.stopping || thread == null) {
                return;
            }
            run.stopping = true;
        }
        if (stopThread(thread)) {
            retireCellThread();
        } else {
            try {
                super.stop();
            } catch (InternalException | EngineTerminationException | RuntimeException e) {
                // Java 20 and 21 have neither Thread.stop nor JShell's stop check; step 3 follows.
            }
        }
        watchdog.schedule(() -> abandon(run), GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Thread.stop, called by name: Java 20 and later refuse it (and may drop it). */
    private static boolean stopThread(Thread thread) {
        try {
            Thread.class.getMethod("stop").invoke(thread);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Step 3: stops waiting for a snippet that could not be stopped. */
    private void abandon(Run run) {
        synchronized (run) {
            if (run.runningThread() == null) {
                return;
            }
            run.abandoned = true;
        }
        retireCellThread();
        run.outcome.completeExceptionally(new CancellationException("given up"));
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
        if (run.beforeStart) {
            return "Interrupted between two statements of the cell: those before it ran, the rest did not.";
        }
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
