/*
 * A replacement for rapaio-jupyter-kernel 3.0.1's class (MIT licence, (c) Aurelian Tutuianu), put
 * ahead of its jar on the kernel's classpath by ./course setup.
 *
 * The original's message repeated the cell's whole source. Here the message is the one line that
 * RapaioExecutionControl wrote for the interrupt (how long the cell ran, how it ended, or the
 * message of the exception the cell's code threw on the interrupt), and the kernel shows only it
 * (ErrorFormatters).
 */
package org.rapaio.jupyter.kernel.core.java;

public class EvaluationInterruptedException extends Exception {

    private final String source;

    public EvaluationInterruptedException(String source) {
        super(RapaioExecutionControl.takeInterruptMessage());
        this.source = source;
    }

    public String getSource() {
        return source;
    }
}
