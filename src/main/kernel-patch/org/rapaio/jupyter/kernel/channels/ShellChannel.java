/*
 * A replacement for rapaio-jupyter-kernel 3.0.1's class (MIT licence, (c) Aurelian Tutuianu), put
 * ahead of its jar on the kernel's classpath by ./course setup.
 *
 * One addition: stop_on_error. A notebook's "Run All" sends every cell at once with stop_on_error
 * set; when a cell fails (or is interrupted), the execute requests already queued behind it are
 * answered "aborted" instead of being run, as the Jupyter protocol asks and IPython does. The
 * original ran them all, so interrupting a long cell during "Run All" only moved on to the next.
 * It also tells RapaioExecutionControl when a cell starts and ends, so that an interrupt between
 * two of the cell's snippets stops the cell (see there).
 */
package org.rapaio.jupyter.kernel.channels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.java.RapaioExecutionControl;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ShellExecuteRequest;
import org.rapaio.org.zeromq.SocketType;
import org.rapaio.org.zeromq.ZMQ;

public final class ShellChannel extends AbstractChannel {

    private static final Logger LOGGER = Logger.getLogger(ShellChannel.class.getSimpleName());
    private static final long LOOP_SLEEP = 50;
    private static final AtomicInteger ID = new AtomicInteger();

    private final Channels connection;
    private volatile LoopThread loopThread;

    public ShellChannel(Channels channels, ZMQ.Context context, HMACDigest hmacGenerator, Channels connection) {
        super(channels, "ShellChannel", context, SocketType.ROUTER, hmacGenerator);
        this.connection = connection;
    }

    @Override
    public void bind(ConnectionProperties connProps) {
        if (loopThread != null) {
            throw new IllegalStateException("Channel already bound.");
        }

        String channelThreadName = "Shell-" + ID.getAndIncrement();
        String addr = connProps.formatAddress(connProps.shellPort());

        LOGGER.info(logPrefix + "Binding to " + addr);
        socket.bind(addr);

        ZMQ.Poller poller = ctx.poller(1);
        poller.register(socket, ZMQ.Poller.POLLIN);

        this.loopThread = new LoopThread(channelThreadName, LOOP_SLEEP, () -> {
            if (poller.poll(0) > 0) {
                Message<?> message = readMessage();
                if (handle(message) && isExecuteRequest(message)
                        && ((ShellExecuteRequest) message.content()).stopOnError()) {
                    abortQueuedExecutions(poller);
                }
            }
        });
        loopThread.start();
    }

    private static boolean isExecuteRequest(Message<?> message) {
        return message.header().type() == MessageType.SHELL_EXECUTE_REQUEST;
    }

    /** Handles one request; true when it was answered with an error. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean handle(Message<?> message) {
        var type = message.header().type();
        MessageHandler handler = connection.getHandler(type);
        if (handler == null) {
            LOGGER.severe(logPrefix + "Unhandled message: " + type.name());
            return false;
        }
        LOGGER.info(logPrefix + "Handling message: " + type.name());
        connection.setMsgId(message.getId());
        connection.takeShellError();
        boolean execute = isExecuteRequest(message);
        if (execute) {
            RapaioExecutionControl.cellStarts();
        }
        try {
            handler.handle(message);
        } catch (Exception e) {
            LOGGER.severe(logPrefix + "Exception handling " + type.name() + ". " +
                    e.getClass().getSimpleName() + ": " + e.getLocalizedMessage());
        } finally {
            if (execute) {
                RapaioExecutionControl.cellEnds();
            }
            channels.runAfterActions();
        }
        if (channels.isMarkedForShutdown()) {
            LOGGER.info(logPrefix + "Shutting down connection marked for shutdown.");
            connection.close();
        }
        return connection.takeShellError();
    }

    /** Answers "aborted" to the execute requests queued now; other requests are handled as usual. */
    private void abortQueuedExecutions(ZMQ.Poller poller) {
        while (!closed && poller.poll(0) > 0) {
            Message<?> queued = readMessage();
            if (isExecuteRequest(queued)) {
                LOGGER.info(logPrefix + "Aborting message: " + queued.header().type().name());
                connection.replyAborted(queued.getId());
            } else {
                handle(queued);
            }
        }
    }

    @Override
    public void close() {
        if (loopThread != null) {
            loopThread.shutdown();
        }
        super.close();
    }

    @Override
    public void joinUntilClose() {
        if (loopThread != null) {
            try {
                loopThread.join();
            } catch (InterruptedException ignored) {
            }
        }
    }

}
