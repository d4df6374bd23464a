package dev.junction.gateway.relay;

import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.providers.Credential;
import dev.junction.gateway.providers.Credentials;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.providers.UpstreamCall;
import dev.junction.gateway.providers.UpstreamResponse;
import dev.junction.gateway.providers.UpstreamTransport;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tries a request's candidates until one accepts it, and hands that answer to the door.
 *
 * <p>Before an upstream has accepted a call (no 2xx head yet), every failure that another
 * attempt could cure moves on: a rejected or rate-limited key to the next key of the same
 * upstream, an upstream that is down, overloaded, silent or unreachable to the next candidate
 * (or, when it is the only one, to its next key, as a passing overload often clears). A 400 or
 * any other answer about the request itself is final. Bounded by the candidates' attempt
 * budget, by the number of keys each upstream has, and by the client: one that left stops it.
 *
 * <p>Once an upstream has accepted a call its answer belongs to the client, whatever happens
 * next (a reset half-way is told to the client): the upstream may already bill it. A client that
 * leaves cancels the call under way; that failure is its own, not the upstream's, so it neither
 * counts against the upstream's health nor rests the key, and nothing is tried after it. Each failed
 * attempt is logged once, with the upstream, the key's last four characters, the status and
 * the vendor's reason, and what follows it.
 */
public final class Failover {
    private static final System.Logger LOG = System.getLogger(Failover.class.getName());
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final Duration REJECTED_KEY_REST = Duration.ofMinutes(10);
    private static final Duration RATE_LIMITED_KEY_REST = Duration.ofSeconds(30);
    /** What the log names when no credential could be had (a token that could not be minted). */
    private static final Credential NO_CREDENTIAL = new Credential("", "(none)");

    /** What a door does with one candidate. */
    public interface Plan {
        /**
         * The call to send with {@code credential}. A failure here (a media URL that cannot be
         * fetched, say) is the request's fault and ends it without failover.
         */
        Future<UpstreamCall> call(Credential credential);

        /** Answers the client from the accepted response (whole or streamed); ends the exchange. */
        void answer(UpstreamResponse response);
    }

    /** Makes the plan for a candidate; empty when it cannot serve this request at all. */
    @FunctionalInterface
    public interface Planner {
        Optional<Plan> plan(Target target);
    }

    private final Exchange exchange;
    private final Candidates candidates;
    private final Planner planner;
    private final Map<Target, Optional<Plan>> plans = new HashMap<>();
    private final Map<Target, Integer> triedPerTarget = new HashMap<>();
    private final Promise<Void> done = Promise.promise();
    private int attemptsLeft;
    private int index;
    private Optional<GatewayError> skipped = Optional.empty();
    private Throwable reported;
    private GatewayError reportedError;

    private Failover(Exchange exchange, Candidates candidates, Planner planner) {
        this.exchange = exchange;
        this.candidates = candidates;
        this.planner = planner;
        this.attemptsLeft = Math.max(1, candidates.maxAttempts());
    }

    /**
     * Runs the attempts. Succeeds once an accepted response was handed to its plan's
     * {@link Plan#answer}; fails with the last error ({@link UpstreamErrorException} when an
     * upstream answered one) when no candidate accepted the request.
     */
    public static Future<Void> run(Exchange exchange, Candidates candidates, Planner planner) {
        Failover failover = new Failover(exchange, candidates, planner);
        failover.next();
        return failover.done.future();
    }

    private void next() {
        List<Target> targets = candidates.targets();
        while (index < targets.size() && plan(targets.get(index)).isEmpty()) {
            index++;
        }
        if (index >= targets.size()) {
            done.tryFail(new GatewayException(skipped.orElse(GatewayError.of(GatewayError.Kind.INVALID_REQUEST,
                    "No upstream here can serve this request for the model '" + exchange.model().orElse("")
                            + "'."))));
            return;
        }
        Target target = targets.get(index);
        Plan plan = plan(target).orElseThrow();
        attemptsLeft--;
        triedPerTarget.merge(target, 1, Integer::sum);
        Provider provider = target.provider();
        provider.credentials().next()
                .recover(e -> Future.failedFuture(new AttemptFailure(e, null)))
                .compose(credential -> {
                    exchange.upstreamTried(provider.name(), target.model(), provider::scrub);
                    return plan.call(credential)
                            .recover(e -> Future.failedFuture(new RequestFault(e)))
                            .compose(call -> send(target, call));
                })
                .onComplete(result -> {
                    if (result.succeeded()) {
                        plan.answer(result.result());
                        done.tryComplete();
                        return;
                    }
                    Throwable failure = result.cause();
                    if (failure instanceof RequestFault fault) {
                        done.tryFail(fault.getCause());
                        return;
                    }
                    onFailure(target, failure);
                });
    }

    private Optional<Plan> plan(Target target) {
        return plans.computeIfAbsent(target, t -> {
            try {
                return planner.plan(t);
            } catch (GatewayException e) {
                skipped = Optional.of(e.error());
                return Optional.empty();
            }
        });
    }

    /** One call: a 2xx head is an acceptance, anything else an error of the upstream's. */
    private Future<UpstreamResponse> send(Target target, UpstreamCall call) {
        UpstreamTransport transport = target.provider().transport();
        candidates.listener().started(target);
        exchange.upstreamHasIt(true);
        UpstreamTransport.Sent sent = transport.start(call);
        exchange.onCancel(sent.cancel());
        return sent.response().compose(response -> {
            if (response.status() / 100 == 2) {
                candidates.listener().succeeded(target, call.credential());
                exchange.onComplete(e -> candidates.listener().ended(target));
                return Future.succeededFuture(response);
            }
            candidates.listener().ended(target);
            Optional<String> retryAfter = response.header("Retry-After");
            return response.readAll(MAX_ERROR_BODY)
                    .recover(e -> Future.succeededFuture(new byte[0]))
                    .compose(body -> Future.failedFuture(new UpstreamErrorException(
                            target.provider().decodeError(response.status(), body, retryAfter), response.status(),
                            body, target)));
        }).recover(e -> {
            if (!(e instanceof UpstreamErrorException)) {
                candidates.listener().ended(target); // no answer at all (an error answer ended above)
            }
            return Future.failedFuture(e instanceof AttemptFailure ? e : new AttemptFailure(e, call));
        });
    }

    private void onFailure(Target target, Throwable failure) {
        AttemptFailure attempt = (AttemptFailure) failure;
        Throwable cause = attempt.getCause();
        GatewayError error = cause instanceof GatewayException g ? g.error()
                : target.provider().transport().failure(cause);
        Credential credential = attempt.call == null ? NO_CREDENTIAL : attempt.call.credential();
        if (exchange.clientGone()) {
            // Its leaving cancelled the call: the upstream is not at fault, and the request, which
            // the upstream had, stays billable.
            keep(cause instanceof GatewayException ? cause : new GatewayException(error, cause), error);
            LOG.log(Level.INFO, "request {0}: the client left before upstream {1} answered; its call was cancelled",
                    exchange.requestId(), target.provider().name());
            done.tryFail(reported);
            return;
        }
        exchange.upstreamHasIt(false);
        if (attempt.call != null) {
            rest(target, credential, error);
        }
        candidates.listener().failed(target, credential, error);
        String status = cause instanceof UpstreamErrorException u ? "HTTP " + u.upstreamStatus() : "no answer";
        keep(cause instanceof GatewayException ? cause : new GatewayException(error, cause), error);
        if (exchange.finished()) {
            log(target, credential, status, error, "the client had left");
            done.tryFail(reported);
            return;
        }
        Optional<String> then = retry(target, error);
        log(target, credential, status, error, then.orElse("giving up"));
        if (then.isEmpty()) {
            done.tryFail(reported);
            return;
        }
        next();
    }

    /**
     * Keeps the failure the client will be told if no candidate answers: the latest, except
     * that a later candidate's "no such model" never hides an earlier candidate's real failure
     * (a fallback that lacks the model says nothing about why the primary failed).
     */
    private void keep(Throwable failure, GatewayError error) {
        if (reported == null || error.kind() != GatewayError.Kind.NOT_FOUND
                || reportedError.kind() == GatewayError.Kind.NOT_FOUND) {
            reported = failure;
            reportedError = error;
        }
    }

    /** Where the next attempt goes, in words for the log, after {@code error}; empty when none. */
    private Optional<String> retry(Target target, GatewayError error) {
        if (!retryable(error) || attemptsLeft <= 0) {
            return Optional.empty();
        }
        if (System.nanoTime() - exchange.startNanos() > candidates.deadline().toNanos()) {
            return Optional.empty(); // the routing deadline has passed: no new attempt
        }
        boolean keyFault = switch (error.kind()) {
            case UPSTREAM_AUTH, RATE_LIMITED, QUOTA_EXHAUSTED -> true;
            default -> false;
        };
        boolean moreKeys = triedPerTarget.getOrDefault(target, 0) < target.provider().credentials().size();
        boolean moreTargets = index + 1 < candidates.targets().size();
        if (moreKeys && (keyFault || !moreTargets)) {
            return Optional.of("retrying " + target.provider().name() + " with its next key");
        }
        if (moreTargets) {
            index++;
            return Optional.of("trying the next upstream, " + candidates.targets().get(index).provider().name());
        }
        return Optional.empty();
    }

    private static boolean retryable(GatewayError error) {
        return switch (error.kind()) {
            case UPSTREAM_AUTH, RATE_LIMITED, QUOTA_EXHAUSTED, UPSTREAM_UNAVAILABLE, UPSTREAM_ERROR, UPSTREAM_TIMEOUT,
                    NOT_FOUND -> true;
            default -> false;
        };
    }

    private static void rest(Target target, Credential credential, GatewayError error) {
        switch (error.kind()) {
            case UPSTREAM_AUTH -> {
                target.provider().credentials().rest(credential, REJECTED_KEY_REST, Credentials.Rest.REJECTED);
                LOG.log(Level.WARNING, "upstream {0} rejected key {1}; it rests for {2} ({3} of {4} keys usable)",
                        target.provider().name(), credential.hint(), REJECTED_KEY_REST,
                        target.provider().credentials().usableCount(), target.provider().credentials().size());
            }
            case RATE_LIMITED, QUOTA_EXHAUSTED -> target.provider().credentials().rest(credential,
                    error.retryAfter().orElse(RATE_LIMITED_KEY_REST), Credentials.Rest.RATE_LIMITED);
            default -> {
                // Other failures say nothing about the key.
            }
        }
    }

    private void log(Target target, Credential credential, String status, GatewayError error, String then) {
        LOG.log(Level.WARNING, "request {0}: upstream {1} (key {2}, model {3}) failed: {4}, {5}: {6}; {7}",
                exchange.requestId(), target.provider().name(), credential.hint(), Json.brief(target.model()), status,
                error.kind(), target.provider().scrub(error.message()), then);
    }

    /**
     * A failure of one attempt, with the call it was (for the credential it used); no call when
     * no credential could be had.
     */
    private static final class AttemptFailure extends RuntimeException {
        private final transient UpstreamCall call;

        AttemptFailure(Throwable cause, UpstreamCall call) {
            super(cause.getMessage(), cause, false, false);
            this.call = call;
        }
    }

    /** The request itself could not be prepared: not the upstream's fault, no failover. */
    private static final class RequestFault extends RuntimeException {
        RequestFault(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
