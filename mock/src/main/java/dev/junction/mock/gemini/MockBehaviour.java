package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * The mock's behaviour as a pure function: a {@link MockCall} in, a {@link MockReply} out. No
 * sockets, no clock, no randomness beyond seeds taken from the request, so the same request always
 * gets the same bytes and every case is testable without a server.
 *
 * <p>Order of decisions for {@code generateContent} and {@code streamGenerateContent}, chosen so
 * that a directive beats validation (a test asking for a 429 gets one): model lookup → request
 * shape → directives ({@link DirectiveParser}) → errors, statuses, hangs → media and thinking
 * validation → Gemini 3 signature validation → prompt block → answer ({@link AnswerComposer}) →
 * shaping ({@link ResponseAssembler}).
 */
public final class MockBehaviour {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PAGE_SIZE = 1000;
    private static final String PAGE_TOKEN_PREFIX = "mock-page:";
    private static final String DEFAULT_RETRY_DELAY = "34.4s";
    private static final int MAX_CANDIDATES = 8;

    private final ModelCatalogue catalogue;
    private final ThoughtSignatures signatures;

    MockBehaviour(ModelCatalogue catalogue, byte[] signatureSecret) {
        this.catalogue = catalogue;
        this.signatures = new ThoughtSignatures(signatureSecret);
    }

    ThoughtSignatures signatures() {
        return signatures;
    }

    /** The reply to a model call; never throws for anything a client can send. */
    MockReply plan(MockCall call) {
        Optional<MockModel> found = catalogue.find(call.model());
        if (found.isEmpty() || !found.get().supports(call.method().capability)) {
            String bare = call.model().startsWith("models/") ? call.model().substring(7) : call.model();
            return GoogleErrorBodies.modelNotFound(bare, call.apiVersion(), call.method().capability);
        }
        MockModel model = found.get();
        try {
            return switch (call.method()) {
                case GENERATE_CONTENT, STREAM_GENERATE_CONTENT -> generate(call, model);
                case COUNT_TOKENS -> countTokens(call.body(), model);
                case EMBED_CONTENT -> {
                    ObjectNode body = NODES.objectNode();
                    body.set("embedding", Embeddings.embed(call.body()));
                    yield new MockReply.Json(200, body);
                }
                case BATCH_EMBED_CONTENTS -> batchEmbed(call.body());
            };
        } catch (MockRequestException e) {
            return e.reply();
        }
    }

    /** {@code GET /v1beta/models}: pages of {@code pageSize} (default 50) with an opaque {@code nextPageToken}. */
    MockReply listModels(OptionalInt pageSize, Optional<String> pageToken) {
        int size = pageSize.orElse(DEFAULT_PAGE_SIZE);
        size = size <= 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
        int offset = 0;
        if (pageToken.isPresent() && !pageToken.get().isEmpty()) {
            offset = decodePageToken(pageToken.get());
            if (offset < 0) {
                return GoogleErrorBodies.invalidArgument("Invalid page token: " + pageToken.get());
            }
        }
        List<MockModel> models = catalogue.models();
        ObjectNode body = NODES.objectNode();
        ArrayNode list = body.putArray("models");
        int end = Math.min(models.size(), offset + size);
        for (int i = offset; i < end; i++) {
            list.add(ModelCatalogue.toJson(models.get(i)));
        }
        if (end < models.size()) {
            body.put("nextPageToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((PAGE_TOKEN_PREFIX + end).getBytes(StandardCharsets.UTF_8)));
        }
        return new MockReply.Json(200, body);
    }

    /** {@code GET /v1beta/models/{model}}. */
    MockReply getModel(String apiVersion, String id) {
        return catalogue.find(id)
                .<MockReply>map(model -> new MockReply.Json(200, ModelCatalogue.toJson(model)))
                .orElseGet(() -> GoogleErrorBodies.of(404, "models/" + bare(id) + " is not found for API version "
                        + apiVersion + ". Call ListModels to see the list of available models."));
    }

    private MockReply generate(MockCall call, MockModel model) {
        GenerateRequest request = GenerateRequest.from(call.body());
        Directives directives = DirectiveParser.parse(request.prompt());
        boolean stream = call.method() == ApiMethod.STREAM_GENERATE_CONTENT;
        Duration delay = directives.delay();

        Optional<MockReply> early = early(call, model, directives, stream);
        if (early.isPresent()) {
            return early.get();
        }
        PromptScan scan = PromptScan.of(request, model);
        ThinkingPlan thinking = ThinkingPolicy.plan(model, request, scan.promptTokens());
        SignatureValidator.check(request, model, signatures);
        if (directives.block()) {
            ObjectNode blocked = NODES.objectNode();
            blocked.putObject("promptFeedback").put("blockReason", "SAFETY")
                    .set("safetyRatings", SafetyRatings.forBlock());
            return stream
                    ? new MockReply.Stream(List.of(blocked), delay, directives.interval(), StreamEnd.CLOSE)
                    : new MockReply.Json(200, blocked, delay);
        }
        Answer answer = AnswerComposer.compose(request, model, directives, scan);
        JsonNode maxTokens = request.config(Keys.MAX_OUTPUT_TOKENS);
        ResponseAssembler assembler = new ResponseAssembler(model, responseId(call), scan, thinking, signatures,
                !request.declarations().isEmpty(), request.prompt(), answer,
                directives.finish(), maxTokens.canConvertToInt() ? OptionalInt.of(maxTokens.asInt()) : OptionalInt.empty(),
                candidateCount(request));
        if (!stream) {
            return new MockReply.Json(200, assembler.unary(), delay);
        }
        int textEvents = directives.events().orElse(Math.max(defaultEvents(answer), directives.minimumEvents()));
        List<JsonNode> events = assembler.stream(textEvents);
        return hostileEnd(directives, events);
    }

    /** {@code generationConfig.candidateCount}: 1 by default, at most 8 as on Google's models. */
    private static int candidateCount(GenerateRequest request) {
        JsonNode count = request.config(Keys.CANDIDATE_COUNT);
        if (count.isMissingNode() || count.isNull()) {
            return 1;
        }
        if (!count.canConvertToExactIntegral() || count.asInt() < 1 || count.asInt() > MAX_CANDIDATES) {
            throw new MockRequestException(GoogleErrorBodies.invalidArgument(
                    "candidateCount must be between 1 and " + MAX_CANDIDATES + ", got " + count + "."));
        }
        return count.asInt();
    }

    /** Replies decided by directives alone, before any validation. */
    private static Optional<MockReply> early(MockCall call, MockModel model, Directives d, boolean stream) {
        Duration delay = d.delay();
        if (d.status().isPresent()) {
            int status = d.status().getAsInt();
            return Optional.of(new MockReply.Raw(status, HtmlErrorPage.CONTENT_TYPE, HtmlErrorPage.forStatus(status),
                    delay));
        }
        if (d.error().isPresent()) {
            MockReply.Json error = errorDirective(d.error().get(), d, call, model);
            return Optional.of(new MockReply.Json(error.status(), error.body(), delay));
        }
        if (d.hang() || (!stream && d.hangAfter().isPresent())) {
            return Optional.of(new MockReply.Hang(delay));
        }
        if (!stream && d.resetAfter().isPresent()) {
            return Optional.of(new MockReply.Reset(delay));
        }
        if (!stream && d.garbageAfter().isPresent()) {
            return Optional.of(new MockReply.Raw(200, "application/json; charset=UTF-8",
                    "{\"candidates\": [{\"content\": <garbage>".getBytes(StandardCharsets.UTF_8), delay));
        }
        if (!stream && d.midstreamError()) {
            MockReply.Json error = GoogleErrorBodies.of(500);
            return Optional.of(new MockReply.Json(500, error.body(), delay));
        }
        return Optional.empty();
    }

    private static MockReply.Json errorDirective(String kind, Directives d, MockCall call, MockModel model) {
        return switch (kind) {
            case "429" -> GoogleErrorBodies.rateLimited(model.id(), d.retryDelay().orElse(DEFAULT_RETRY_DELAY));
            case "quota" -> GoogleErrorBodies.quotaExhausted(model.id());
            case "key" -> GoogleErrorBodies.apiKeyInvalid(call.apiKey().orElse(""));
            case "404" -> GoogleErrorBodies.modelNotFound(model.id(), call.apiVersion(), call.method().capability);
            default -> {
                int status;
                try {
                    status = Integer.parseInt(kind);
                } catch (NumberFormatException e) {
                    status = -1;
                }
                if (status < 400 || status > 599) {
                    yield GoogleErrorBodies.invalidArgument("Mock directive \"mock:error=" + kind
                            + "\" must be 429, quota, key, or an HTTP error status (400-599).");
                }
                yield GoogleErrorBodies.of(status);
            }
        };
    }

    private static MockReply hostileEnd(Directives d, List<JsonNode> events) {
        StreamEnd end = StreamEnd.CLOSE;
        int keep = events.size();
        if (d.hangAfter().isPresent()) {
            keep = d.hangAfter().getAsInt();
            end = new StreamEnd.Stall();
        } else if (d.resetAfter().isPresent()) {
            keep = d.resetAfter().getAsInt();
            end = new StreamEnd.Abort();
        } else if (d.garbageAfter().isPresent()) {
            keep = d.garbageAfter().getAsInt();
            end = new StreamEnd.Garbage("{\"candidates\": [{\"content\": <garbage>");
        } else if (d.midstreamError()) {
            keep = 2;
            end = new StreamEnd.Error(GoogleErrorBodies.errorObject(500, GoogleErrorBodies.defaultMessage(500)));
        }
        return new MockReply.Stream(events.subList(0, Math.min(keep, events.size())), d.delay(), d.interval(), end);
    }

    /** At least 3 events for a normal answer: about one per 8 words, never more events than words. */
    private static int defaultEvents(Answer answer) {
        if (!(answer instanceof Answer.Text text)) {
            return 1;
        }
        if (text.json()) {
            return 3;
        }
        int words = TextChunks.words(text.text());
        return words <= 3 ? Math.max(1, words) : Math.max(3, (words + 7) / 8);
    }

    private MockReply countTokens(JsonNode body, MockModel model) {
        JsonNode inner = Keys.GENERATE_CONTENT_REQUEST.in(body);
        GenerateRequest request = GenerateRequest.from(inner.isObject() ? inner : body);
        PromptScan scan = PromptScan.of(request, model);
        ObjectNode out = NODES.objectNode();
        out.put("totalTokens", scan.promptTokens());
        out.set("promptTokensDetails", scan.details());
        return new MockReply.Json(200, out);
    }

    private static MockReply batchEmbed(JsonNode body) {
        JsonNode requests = Keys.REQUESTS.in(body);
        if (!requests.isArray() || requests.isEmpty()) {
            return GoogleErrorBodies.invalidArgument("* BatchEmbedContentsRequest.requests: requests is not specified\n");
        }
        ObjectNode out = NODES.objectNode();
        ArrayNode embeddings = out.putArray("embeddings");
        for (JsonNode request : requests) {
            embeddings.add(Embeddings.embed(request));
        }
        return new MockReply.Json(200, out);
    }

    /** A Google-looking id (23 url-safe characters), the same for the same request. */
    private static String responseId(MockCall call) {
        long seed = call.body().hashCode() * 31L + call.model().hashCode();
        byte[] bytes = new byte[17];
        new SplittableRandom(seed).nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int decodePageToken(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(PAGE_TOKEN_PREFIX)) {
                return Integer.parseInt(decoded.substring(PAGE_TOKEN_PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // not one of ours
        }
        return -1;
    }

    private static String bare(String id) {
        return id.startsWith("models/") ? id.substring(7) : id;
    }
}
