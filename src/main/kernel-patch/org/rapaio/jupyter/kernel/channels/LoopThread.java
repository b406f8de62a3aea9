/*
 * A fix for rapaio-jupyter-kernel 3.0.1 (MIT licence, (c) Aurelian Tutuianu), put ahead of its
 * jar on the kernel's classpath by ./course setup.
 *
 * The original sets `running = true` after `super.start()`, so a channel thread that gets the CPU
 * first sees `running == false` and ends at once; and an exception in the loop body (a message
 * that arrives before the kernel has registered its handlers) ends the thread too. Either way
 * the shell channel stops reading, and Jupyter waits for a kernel that never answers: seen as
 * "Kernel didn't respond" on busy machines, one start in a few. An interrupt of the thread also
 * ended it; now only shutdown() does.
 */
package org.rapaio.jupyter.kernel.channels;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Thread which runs in loop the loop body after each waiting period.
 */
public final class LoopThread extends Thread {

    private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getSimpleName());

    private volatile boolean running = false;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, getName() + ": a message could not be handled; the channel goes on", e);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                // A stray interrupt (one meant for a cell) must not end the channel; shutdown() does.
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
