package dev.junction.gateway.context;

import dev.junction.gateway.access.Token;
import dev.junction.gateway.concurrent.Blocking;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One request on its way through the pipeline: what arrived, what the filters learned about it,
 * and what happened. Confined to the request's event loop, so it needs no locking.
 *
 * <p>It ends exactly once: {@link #finish()} after a response went out, {@link #fail} when
 * something went wrong (the error is answered in the caller's protocol if nothing has been sent
 * yet), or when the client leaves. Ending runs the {@link #onComplete} actions (settling
 * quotas, releasing limits) and hands the exchange to the edge.
 *
 * <p>The usage record is made earlier: just before the response's last bytes go out (a whole
 * answer's {@code send}, a stream's final chunk or its end), so that a crash right after the
 * client got its answer cannot lose the record. {@link #beforeRecord} actions (metering) run
 * first, then the {@code answered} callback; an exchange that ends without an answer (the client
 * left) is recorded when it ends.
 */
public final class Exchange {
    private static final System.Logger LOG = System.getLogger(Exchange.class.getName());

    private final String requestId;
    private final Endpoint endpoint;
    private final InboundRequest request;
    private final CountingDownstream downstream;
    private final Instant startedAt;
    private final long startNanos;
    private final List<Consumer<Exchange>> completions = new ArrayList<>(2);
    private final List<Consumer<Exchange>> beforeRecord = new ArrayList<>(1);
    private final Consumer<Exchange> answered;
    private final Consumer<Exchange> ended;
    private Runnable cancel = () -> {};
    private boolean recorded;
    private boolean finished;
    private boolean completeOffLoop;

    private Token token;
    private String model;
    private byte[] body;
    private ChatRequest chatRequest;
    private boolean stream;
    private String upstreamName;
    private String upstreamModel;
    private UnaryOperator<String> scrub = UnaryOperator.identity();
    private int attempts;
    private boolean upstreamHasIt;
    private Usage usage;
    private boolean usageEstimated;
    private long firstByteNanos = -1;
    private int status;
    private GatewayError error;
    private boolean clientGone;
    private long costMicros;
    private Map<Class<?>, Object> attributes;

    /** @param ended receives the exchange once, when it has ended */
    public Exchange(String requestId, Endpoint endpoint, InboundRequest request, Downstream downstream,
            Instant startedAt, long startNanos, Consumer<Exchange> ended) {
        this(requestId, endpoint, request, downstream, startedAt, startNanos, ex -> {}, ended);
    }

    /**
     * @param answered receives the exchange once, when its usage record is to be made: just
     *     before the response's last bytes go out, or when it ends without them
     * @param ended receives the exchange once, when it has ended
     */
    public Exchange(String requestId, Endpoint endpoint, InboundRequest request, Downstream downstream,
            Instant startedAt, long startNanos, Consumer<Exchange> answered, Consumer<Exchange> ended) {
        this.answered = answered;
        this.ended = ended;
        this.requestId = requestId;
        this.endpoint = endpoint;
        this.request = request;
        this.downstream = new CountingDownstream(downstream, this::record);
        this.startedAt = startedAt;
        this.startNanos = startNanos;
    }

    public String requestId() {
        return requestId;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public ClientApi api() {
        return endpoint.api();
    }

    public InboundRequest request() {
        return request;
    }

    public Downstream downstream() {
        return downstream;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public long startNanos() {
        return startNanos;
    }

    public Optional<Token> token() {
        return Optional.ofNullable(token);
    }

    public void token(Token value) {
        this.token = value;
    }

    /** The model the client asked for, once known. */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    public void model(String value) {
        this.model = value;
    }

    public byte[] body() {
        return body;
    }

    public void body(byte[] value) {
        this.body = value;
    }

    public Optional<ChatRequest> chatRequest() {
        return Optional.ofNullable(chatRequest);
    }

    public void chatRequest(ChatRequest value) {
        this.chatRequest = value;
    }

    public boolean stream() {
        return stream;
    }

    public void stream(boolean value) {
        this.stream = value;
    }

    /** The upstream that served the request (the last one tried), once one was tried. */
    public Optional<String> upstreamName() {
        return Optional.ofNullable(upstreamName);
    }

    /** The model name sent upstream (the client's name unless the route renames it). */
    public Optional<String> upstreamModel() {
        return Optional.ofNullable(upstreamModel);
    }

    /**
     * Records an attempt at an upstream: which one, under which model name, and how to remove
     * its credentials from any text that leaves Junction (every error message passes it).
     */
    public void upstreamTried(String upstream, String modelName, UnaryOperator<String> scrubber) {
        this.upstreamName = upstream;
        this.upstreamModel = modelName;
        this.scrub = scrubber;
        this.attempts++;
    }

    /** How many upstream calls this request made (retries and failovers included). */
    public int attempts() {
        return attempts;
    }

    /**
     * Whether an upstream has this request: a call went out and was not answered with an error
     * (it was accepted, or no answer has come yet). Such a request is billed even when its client
     * leaves before the answer: the upstream works on it, and charges for it, all the same.
     */
    public boolean upstreamHasIt() {
        return upstreamHasIt;
    }

    public void upstreamHasIt(boolean value) {
        this.upstreamHasIt = value;
    }

    /** Removes the credentials of the upstream tried last from {@code text}. */
    public String scrub(String text) {
        return scrub.apply(text);
    }

    public Optional<Usage> usage() {
        return Optional.ofNullable(usage);
    }

    /** Records usage as the upstream reported it (or as estimated, when it reported none). */
    public void usage(Usage value, boolean estimated) {
        this.usage = value;
        this.usageEstimated = estimated;
    }

    public boolean usageEstimated() {
        return usageEstimated;
    }

    /** Marks the moment the first response byte went to the client. */
    public void firstByte(long nanos) {
        if (firstByteNanos < 0) {
            firstByteNanos = nanos;
        }
    }

    public Optional<Long> firstByteNanos() {
        return firstByteNanos < 0 ? Optional.empty() : Optional.of(firstByteNanos);
    }

    public int status() {
        return status;
    }

    public void status(int value) {
        this.status = value;
    }

    public Optional<GatewayError> error() {
        return Optional.ofNullable(error);
    }

    public void error(GatewayError value) {
        this.error = value;
    }

    public boolean clientGone() {
        return clientGone;
    }

    public void clientGone(boolean value) {
        this.clientGone = value;
    }

    /** Body bytes sent to the client so far (what an estimate of output tokens starts from). */
    public long responseBytes() {
        return downstream.bytes();
    }

    /** What the request cost in micro-dollars, once metered (0 until then, and for free calls). */
    public long costMicros() {
        return costMicros;
    }

    public void costMicros(long value) {
        this.costMicros = value;
    }

    /**
     * State a component keeps about this request for its own later use (a rate-limit
     * reservation, a request estimate), keyed by its type so components need no fields here.
     */
    public <T> Optional<T> attribute(Class<T> type) {
        return attributes == null ? Optional.empty() : Optional.ofNullable(type.cast(attributes.get(type)));
    }

    public <T> void attribute(Class<T> type, T value) {
        if (attributes == null) {
            attributes = new HashMap<>(4);
        }
        attributes.put(type, value);
    }

    /**
     * Runs {@code action} once, just before the usage record is made (see the class comment):
     * what the record says (the cost) is settled there. Actions run on the request's event loop.
     */
    public void beforeRecord(Consumer<Exchange> action) {
        beforeRecord.add(action);
    }

    /**
     * Makes the usage record now, once: the answer is complete but for its last bytes, which the
     * caller is about to write. The downstream does this by itself on {@code send} and
     * {@code end}; a stream relay calls it before writing its final chunk. Idempotent.
     */
    public void record() {
        if (recorded) {
            return;
        }
        recorded = true;
        for (Consumer<Exchange> action : beforeRecord) {
            try {
                action.accept(this);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "settling request " + requestId + " failed", e);
            }
        }
        try {
            answered.accept(this);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "recording request " + requestId + " failed", e);
        }
    }

    /** Runs {@code action} once the response is complete, whatever happened (settle, release). */
    public void onComplete(Consumer<Exchange> action) {
        completions.add(action);
    }

    /** Runs one step of the answer; a step that throws fails the exchange instead. */
    public void attempt(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /** What to do if the client leaves before the answer is complete (abort the upstream call). */
    public void onCancel(Runnable action) {
        this.cancel = action;
    }

    public boolean finished() {
        return finished;
    }

    /**
     * Makes the {@link #onComplete} actions run on a virtual thread instead of the event loop,
     * for components whose settling blocks (a shared limit store over the network).
     */
    public void completeOffLoop() {
        this.completeOffLoop = true;
    }

    /** The response is complete. Idempotent. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        record();
        if (completeOffLoop) {
            Blocking.run(() -> {
                runCompletions();
                return null;
            }).onComplete(done -> ended.accept(this));
            return;
        }
        runCompletions();
        ended.accept(this);
    }

    private void runCompletions() {
        for (Consumer<Exchange> action : completions) {
            try {
                action.accept(this);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "completing request " + requestId + " failed", e);
            }
        }
    }

    /** The client went away: abort what is in flight and end. */
    public void clientLeft() {
        if (finished) {
            return;
        }
        clientGone = true;
        cancel.run();
        finish();
    }

    /**
     * Ends with a failure: a {@link GatewayException} keeps its error, anything else is a bug in
     * Junction, logged and answered as an internal error.
     */
    public void fail(Throwable failure) {
        if (failure instanceof GatewayException g) {
            fail(g.error());
            return;
        }
        LOG.log(System.Logger.Level.ERROR, "request " + requestId + " failed inside Junction", failure);
        fail(GatewayError.of(GatewayError.Kind.INTERNAL,
                "Junction failed to handle the request (request id " + requestId + ")."));
    }

    /** Ends with {@code failure}, answered in the caller's protocol unless a response has started. */
    public void fail(GatewayError failure) {
        if (finished) {
            return;
        }
        GatewayError scrubbed = failure.withMessage(scrub.apply(failure.message()));
        error = scrubbed;
        if (!downstream.committed()) {
            status = api().status(scrubbed);
            scrubbed.retryAfter().ifPresent(d -> downstream.header("Retry-After",
                    Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))));
            downstream.send(status, "application/json; charset=UTF-8", api().errorBody(scrubbed));
        } else {
            downstream.end(); // a stream already under way: whoever failed has told the client in-band
        }
        finish();
    }
}
