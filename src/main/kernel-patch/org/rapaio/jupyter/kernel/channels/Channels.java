/*
 * A replacement for rapaio-jupyter-kernel 3.0.1's class (MIT licence, (c) Aurelian Tutuianu), put
 * ahead of its jar on the kernel's classpath by ./course setup.
 *
 * The original kept one "current request" (msgId) and one stack of after-actions for the shell
 * and the control channel together, though each runs on its own thread. An interrupt request,
 * handled on the control thread while a cell ran on the shell thread, took over msgId and then
 * ran the cell's after-actions: it sent the cell's idle status, restored System.out, unbound the
 * cell's output and cleared msgId. The interrupted cell's reply then went out without a parent
 * (Jupyter never saw it), and the control channel's replies went out on the shell socket.
 *
 * Here a control request has its own msgId and after-actions on the control thread and is
 * answered on the control socket; the shell request's msgId stays shared, because a cell's
 * output and displays come from the thread that runs the cell. The handlers are registered
 * before the sockets are bound, so a kernel_info_request that arrives first is answered. The
 * shell channel learns whether a request was answered with an error (takeShellError), to abort
 * the execute requests queued behind a failed one (ShellChannel.java here).
 */
package org.rapaio.jupyter.kernel.channels;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageId;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ErrorReply;
import org.rapaio.jupyter.kernel.message.messages.IOPubStatus;
import org.rapaio.jupyter.kernel.message.messages.IOPubStream;
import org.rapaio.org.zeromq.ZMQ;

@SuppressWarnings( {"unchecked", "rawtypes"})
public final class Channels {

    private final ConnectionProperties connProps;

    private final ZMQ.Context ctx;

    private final HeartbeatChannel heartbeat;
    private final ShellChannel shell;
    private final ControlChannel control;
    private final StdinChannel stdin;
    private final IOPubChannel iopub;

    private final Set<AbstractChannel> channels;
    private final Map<MessageType<?>, MessageHandler> handlers = new ConcurrentHashMap<>();

    /** The shell request being handled; a running cell prints and displays under it from any thread. */
    private volatile MessageId<?> msgId;
    /** The control request being handled on the control thread, or null on any other thread. */
    private final ThreadLocal<MessageId<?>> controlMsgId = new ThreadLocal<>();
    /** What each channel thread does once it has handled its request. */
    private final ThreadLocal<Deque<Runnable>> afterActions = ThreadLocal.withInitial(ArrayDeque::new);

    /** Whether the shell request now handled was answered with an error. */
    private volatile boolean shellError;

    private boolean isConnected = false;
    private volatile boolean requestShutdown = false;

    public Channels(ConnectionProperties connProps) throws NoSuchAlgorithmException, InvalidKeyException {
        this.connProps = connProps;
        ctx = ZMQ.context(1);

        HMACDigest hmacDigest = connProps.createHMACDigest();

        heartbeat = new HeartbeatChannel(this, ctx, hmacDigest);
        shell = new ShellChannel(this, ctx, hmacDigest, this);
        control = new ControlChannel(this, ctx, hmacDigest);
        stdin = new StdinChannel(this, ctx, hmacDigest);
        iopub = new IOPubChannel(this, ctx, hmacDigest);

        channels = Set.of(heartbeat, shell, control, stdin, iopub);
    }

    public void connect(RapaioKernel kernel) {
        if (!isConnected) {
            kernel.registerChannels(this);
            handlers.put(MessageType.SHELL_EXECUTE_REQUEST, kernel::handleExecuteRequest);
            handlers.put(MessageType.SHELL_INSPECT_REQUEST, kernel::handleInspectRequest);
            handlers.put(MessageType.SHELL_COMPLETE_REQUEST, kernel::handleCompleteRequest);
            handlers.put(MessageType.SHELL_HISTORY_REQUEST, kernel::handleHistoryRequest);
            handlers.put(MessageType.SHELL_IS_COMPLETE_REQUEST, kernel::handleIsCompleteRequest);
            handlers.put(MessageType.SHELL_KERNEL_INFO_REQUEST, kernel::handleKernelInfoRequest);
            handlers.put(MessageType.CONTROL_SHUTDOWN_REQUEST, kernel::handleShutdownRequest);
            handlers.put(MessageType.CONTROL_INTERRUPT_REQUEST, kernel::handleInterruptRequest);
            handlers.put(MessageType.CUSTOM_COMM_OPEN, kernel::handleCommOpenCommand);
            handlers.put(MessageType.CUSTOM_COMM_MSG, kernel::handleCommMsgCommand);
            handlers.put(MessageType.CUSTOM_COMM_CLOSE, kernel::handleCommCloseCommand);
            handlers.put(MessageType.SHELL_COMM_INFO_REQUEST, kernel::handleCommInfoRequest);

            channels.forEach(s -> s.bind(connProps));
            iopub.sendMessage(new Message<>(MessageType.IOPUB_STATUS, IOPubStatus.STARTING));
            isConnected = true;
        }
    }

    public <T> MessageHandler<T> getHandler(MessageType<T> type) {
        return handlers.get(type);
    }

    public void close() {
        channels.forEach(AbstractChannel::close);
        ctx.close();
    }

    public void joinUntilClose() {
        channels.forEach(AbstractChannel::joinUntilClose);
    }

    private MessageId<?> currentMsgId() {
        MessageId<?> control = controlMsgId.get();
        return control != null ? control : msgId;
    }

    public boolean hasMsgId() {
        return currentMsgId() != null;
    }

    /** The shell request now handled (called by the shell channel's thread). */
    public void setMsgId(MessageId<?> msgId) {
        this.msgId = msgId;
    }

    public void freeMsgId() {
        if (controlMsgId.get() != null) {
            controlMsgId.remove();
        } else {
            this.msgId = null;
        }
    }

    /** Handles a control request on the calling (control) thread, apart from the shell's request. */
    public void handleControl(MessageId<?> id, Runnable handling) {
        controlMsgId.set(id);
        try {
            handling.run();
        } finally {
            runAfterActions();
            controlMsgId.remove();
        }
    }

    public void markForShutdown() {
        requestShutdown = true;
    }

    public boolean isMarkedForShutdown() {
        return requestShutdown;
    }

    public void writeToStdOut(String msg) {
        publish(new IOPubStream(IOPubStream.StreamName.OUT, msg));
    }

    public void writeToStdErr(String msg) {
        publish(new IOPubStream(IOPubStream.StreamName.ERR, msg));
    }

    public String readFromStdIn() {
        return stdin.getInput(msgId, "", false);
    }

    public <T extends ContentType<T>> void publish(T content) {
        iopub.sendMessage(new Message<>(currentMsgId(), content.type(), content));
    }

    private AbstractChannel replyChannel() {
        return controlMsgId.get() != null ? control : shell;
    }

    public <T extends ContentType<T>> void reply(T content) {
        replyChannel().sendMessage(new Message<>(currentMsgId(), content.type(), content));
    }

    public void replyError(MessageType<?> type, ErrorReply error) {
        if (controlMsgId.get() == null) {
            shellError = true;
        }
        replyChannel().sendMessage(new Message(currentMsgId(), type, error));
    }

    /** Whether the shell's request was answered with an error since the last call. */
    public boolean takeShellError() {
        boolean error = shellError;
        shellError = false;
        return error;
    }

    /** Answers an execute request that will not run, because one before it failed (stop_on_error). */
    public void replyAborted(MessageId<?> request) {
        setMsgId(request);
        publish(IOPubStatus.BUSY);
        shell.sendMessage(new Message(request, MessageType.SHELL_EXECUTE_REPLY, Map.of("status", "aborted")));
        publish(IOPubStatus.IDLE);
        freeMsgId();
    }

    public void scheduleAfter(Runnable action) {
        afterActions.get().push(action);
    }

    public void runAfterActions() {
        Deque<Runnable> actions = afterActions.get();
        while (!actions.isEmpty()) {
            actions.pop().run();
        }
    }

    public void busyThenIdle() {
        publish(IOPubStatus.BUSY);
        scheduleAfter(() -> publish(IOPubStatus.IDLE));
    }
}
