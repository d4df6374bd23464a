package dev.junction.mock.gemini;

import static dev.junction.mock.gemini.Requests.error;
import static dev.junction.mock.gemini.Requests.json;
import static dev.junction.mock.gemini.Requests.ok;
import static dev.junction.mock.gemini.Requests.okStream;
import static dev.junction.mock.gemini.Requests.prompt;
import static dev.junction.mock.gemini.Requests.stream;
import static dev.junction.mock.gemini.Requests.text;
import static dev.junction.mock.gemini.Requests.unary;
import static dev.junction.mock.gemini.Requests.withWeatherTool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionCallingTest {

    @Test
    void declaredFunctionsAreCalledWithArgumentsFromTheirSchema() {
        JsonNode body = ok(unary("gemini-2.0-flash", withWeatherTool(prompt("weather in Paris?")))).body();

        JsonNode candidate = body.path("candidates").path(0);
        assertThat(candidate.path("content").path("parts")).singleElement().satisfies(part -> {
            assertThat(part.path("functionCall")).isEqualTo(json("""
                    {"name": "get_weather", "args": {"city": "Beijing", "unit": "celsius", "days": 1, "detailed": true}}"""));
            assertThat(part.has("thoughtSignature")).as("2.0 does not think, so no signature").isFalse();
        });
        assertThat(candidate.path("finishReason").asText()).isEqualTo("STOP");
        assertThat(candidate.has("finishMessage")).isFalse();
    }

    @Test
    void gemini3SignsTheFirstCallAndStreamsItWholeThenAnEmptyFinalEvent() {
        ObjectNode request = withWeatherTool(prompt("weather? mock:parallel"));
        JsonNode body = ok(unary("gemini-3-pro-preview", request)).body();
        JsonNode parts = body.path("candidates").path(0).path("content").path("parts");

        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).path("functionCall").path("name").asText()).isEqualTo("get_weather");
        assertThat(parts.get(1).path("functionCall").path("name").asText()).isEqualTo("get_time");
        String signature = parts.get(0).path("thoughtSignature").asText();
        assertThat(java.util.Base64.getDecoder().decode(signature)).hasSize(ThoughtSignatures.LENGTH);
        assertThat(parts.get(1).has("thoughtSignature")).isFalse();
        assertThat(body.path("candidates").path(0).path("finishMessage").asText())
                .isEqualTo("Model generated function call(s).");

        List<JsonNode> events = okStream(stream("gemini-3-pro-preview", request)).events();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).path("candidates").path(0).path("content").path("parts")).isEqualTo(parts);
        assertThat(events.get(0).path("candidates").path(0).has("finishReason")).isFalse();
        assertThat(events.get(1).path("candidates").path(0).path("content").path("parts")).isEqualTo(json("[{\"text\": \"\"}]"));
        assertThat(events.get(1).path("candidates").path(0).path("finishReason").asText()).isEqualTo("STOP");
    }

    @Test
    void gemini25ThinkingPutsTheSignatureOnTheFirstNonThoughtPart() {
        ObjectNode request = withWeatherTool(prompt("weather?"));
        request.putObject("generationConfig").putObject("thinkingConfig").put("includeThoughts", true);
        List<JsonNode> events = okStream(stream("gemini-2.5-flash", request)).events();

        assertThat(events).hasSize(3);
        JsonNode call = events.get(2).path("candidates").path(0);
        assertThat(call.path("content").path("parts").path(0).has("functionCall")).isTrue();
        assertThat(call.path("content").path("parts").path(0).has("thoughtSignature")).isTrue();
        assertThat(call.path("finishReason").asText()).isEqualTo("STOP");

        ObjectNode textTurn = withWeatherTool(prompt("just talk mock:text"));
        JsonNode parts = ok(unary("gemini-2.5-flash", textTurn)).body().path("candidates").path(0).path("content").path("parts");
        assertThat(parts.path(0).has("text")).isTrue();
        assertThat(parts.path(0).has("thoughtSignature")).isTrue();
    }

    @Test
    void modeAllowedNamesAndCallDirectiveChooseTheFunction() {
        ObjectNode none = withWeatherTool(prompt("weather?"));
        none.set("toolConfig", json("{\"functionCallingConfig\": {\"mode\": \"NONE\"}}"));
        assertThat(text(ok(unary("gemini-2.5-flash", none)).body())).startsWith("This is the Junction mock");

        ObjectNode allowed = withWeatherTool(prompt("time?"));
        allowed.set("tool_config", json("{\"function_calling_config\": {\"mode\": \"ANY\", \"allowed_function_names\": [\"get_time\"]}}"));
        assertThat(firstCall(ok(unary("gemini-2.5-flash", allowed)).body()).path("name").asText()).isEqualTo("get_time");

        assertThat(firstCall(ok(unary("gemini-2.5-flash", withWeatherTool(prompt("mock:call=get_time")))).body())
                .path("args")).isEqualTo(json("{\"zone\": \"mock\"}"));
        assertThat(error(unary("gemini-2.5-flash", withWeatherTool(prompt("mock:call=nope"))), 400).body().toString())
                .contains("mock:call=nope");
    }

    @Test
    void functionResponsesAreAnsweredWithTheirResults() {
        JsonNode request = json("""
                {"contents": [
                  {"role": "user", "parts": [{"text": "weather in Paris?"}]},
                  {"role": "model", "parts": [{"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}}]},
                  {"role": "user", "parts": [{"functionResponse": {"name": "get_weather", "response": {"tempC": 15}}}]}],
                 "tools": [{"functionDeclarations": [{"name": "get_weather"}]}]}""");
        String text = text(ok(unary("gemini-2.5-flash", request)).body());
        assertThat(text).isEqualTo("This is the Junction mock of gemini-2.5-flash. Function get_weather returned {\"tempC\":15}.");
    }

    @Test
    void signaturesTheMockIssuedPassValidation() {
        ObjectNode first = withWeatherTool(prompt("weather?"));
        JsonNode modelTurn = ok(unary("gemini-3-pro-preview", first)).body().path("candidates").path(0).path("content");

        ObjectNode second = first.deepCopy();
        ArrayNode contents = (ArrayNode) second.get("contents");
        contents.add(modelTurn);
        contents.add(json("{\"role\": \"user\", \"parts\": [{\"functionResponse\": {\"name\": \"get_weather\", "
                + "\"response\": {\"tempC\": 15}}}]}"));

        String text = text(ok(unary("gemini-3-pro-preview", second)).body());
        assertThat(text).contains("Function get_weather returned {\"tempC\":15}.");

        // Key order and number spelling may change on the way through a client: still the same call.
        ObjectNode reordered = second.deepCopy();
        ObjectNode call = (ObjectNode) reordered.get("contents").get(1).get("parts").get(0).get("functionCall");
        call.set("args", json("{\"detailed\": true, \"days\": 1.0, \"unit\": \"celsius\", \"city\": \"Beijing\"}"));
        ok(unary("gemini-3-pro-preview", reordered));
    }

    @Test
    void theSameCallInAnotherResponseIsSignedDifferentlyAndBothSignaturesAreValid() {
        JsonNode paris = ok(unary("gemini-3-pro-preview", withWeatherTool(prompt("weather in Paris?")))).body()
                .at("/candidates/0/content/parts/0");
        JsonNode london = ok(unary("gemini-3-pro-preview", withWeatherTool(prompt("weather in London?")))).body()
                .at("/candidates/0/content/parts/0");
        assertThat(london.path("functionCall")).as("the mock's arguments come from the schema").isEqualTo(
                paris.path("functionCall"));
        assertThat(london.path("thoughtSignature").asText()).isNotEqualTo(paris.path("thoughtSignature").asText());
        JsonNode again = ok(unary("gemini-3-pro-preview", withWeatherTool(prompt("weather in Paris?")))).body()
                .at("/candidates/0/content/parts/0");
        assertThat(again.path("thoughtSignature")).as("same request, same bytes").isEqualTo(paris.path("thoughtSignature"));

        for (JsonNode step : List.of(paris, london)) {
            ObjectNode request = withWeatherTool(prompt("weather?"));
            ((ArrayNode) request.get("contents")).add(json("{\"role\": \"model\", \"parts\": [" + step + "]}"));
            ((ArrayNode) request.get("contents")).add(json(
                    "{\"role\": \"user\", \"parts\": [{\"functionResponse\": {\"name\": \"get_weather\", \"response\": {}}}]}"));
            ok(unary("gemini-3-pro-preview", request));
        }
    }

    @Test
    void stepsMakesATurnOfSequentialCallsEachSignedAndValidated() {
        ObjectNode request = withWeatherTool(prompt("plan my day mock:steps=2"));
        JsonNode step1 = ok(unary("gemini-3-pro-preview", request)).body().at("/candidates/0/content");
        assertThat(step1.at("/parts/0/functionCall/name").asText()).isEqualTo("get_weather");
        ArrayNode contents = (ArrayNode) request.get("contents");
        contents.add(step1);
        contents.add(json("{\"role\": \"user\", \"parts\": [{\"functionResponse\": {\"name\": \"get_weather\", "
                + "\"response\": {\"tempC\": 15}}}]}"));

        JsonNode step2 = ok(unary("gemini-3-pro-preview", request)).body().at("/candidates/0/content");
        assertThat(step2.at("/parts/0/functionCall/name").asText()).as("a second step, same turn").isEqualTo("get_weather");
        assertThat(step2.at("/parts/0/thoughtSignature").asText()).isNotEqualTo(step1.at("/parts/0/thoughtSignature").asText());
        contents.add(step2);
        contents.add(json("{\"role\": \"user\", \"parts\": [{\"functionResponse\": {\"name\": \"get_weather\", "
                + "\"response\": {\"tempC\": 16}}}]}"));
        assertThat(text(ok(unary("gemini-3-pro-preview", request)).body()))
                .contains("Function get_weather returned {\"tempC\":16}.");

        // Both steps belong to the current turn: the first one's signature is checked too.
        ((ObjectNode) contents.get(1).get("parts").get(0)).remove("thoughtSignature");
        assertThat(error(unary("gemini-3-pro-preview", request), 400).body().at("/error/message").asText())
                .startsWith("Function call is missing a thought_signature").contains("position 2.");
    }

    @Test
    void missingForeignOrBypassSignaturesAreJudgedLikeGemini3() {
        String missing = validationError(null);
        assertThat(missing).startsWith("Function call is missing a thought_signature in functionCall parts.")
                .contains("function call `default_api:get_weather` , position 2.");
        assertThat(validationError("CiQBVKhc7v8=")).isEqualTo("Corrupted thought signature.");
        ok(unary("gemini-3-pro-preview", history("skip_thought_signature_validator")));
        ok(unary("gemini-3-flash-preview", history("context_engineering_is_the_way_to_go")));
        ok(unary("gemini-2.5-flash", history(null)));

        // Only the current turn is validated: a new user text starts a new turn.
        ObjectNode later = history(null);
        ((ArrayNode) later.get("contents")).add(json("{\"role\": \"model\", \"parts\": [{\"text\": \"15 degrees\"}]}"));
        ((ArrayNode) later.get("contents")).add(json("{\"role\": \"user\", \"parts\": [{\"text\": \"thanks\"}]}"));
        ok(unary("gemini-3-pro-preview", later));
    }

    @Test
    void parallelCallsMustBeAnsweredTogether() {
        ObjectNode request = withWeatherTool(prompt("both mock:parallel"));
        JsonNode modelTurn = ok(unary("gemini-3-pro-preview", request)).body().path("candidates").path(0).path("content");
        JsonNode[] parts = {modelTurn.path("parts").get(0), modelTurn.path("parts").get(1)};

        ObjectNode interleaved = request.deepCopy();
        ArrayNode contents = (ArrayNode) interleaved.get("contents");
        contents.add(json("{\"role\": \"model\", \"parts\": [" + parts[0] + "]}"));
        contents.add(json("{\"role\": \"user\", \"parts\": [{\"functionResponse\": {\"name\": \"get_weather\", \"response\": {}}}]}"));
        contents.add(json("{\"role\": \"model\", \"parts\": [" + parts[1] + "]}"));
        contents.add(json("{\"role\": \"user\", \"parts\": [{\"functionResponse\": {\"name\": \"get_time\", \"response\": {}}}]}"));
        assertThat(error(unary("gemini-3-pro-preview", interleaved), 400).body().path("error").path("message").asText())
                .startsWith("Function call is missing a thought_signature");

        ObjectNode oneResponse = request.deepCopy();
        ((ArrayNode) oneResponse.get("contents")).add(modelTurn);
        ((ArrayNode) oneResponse.get("contents")).add(json(
                "{\"role\": \"user\", \"parts\": [{\"functionResponse\": {\"name\": \"get_weather\", \"response\": {}}}]}"));
        assertThat(error(unary("gemini-2.5-flash", oneResponse), 400).body().path("error").path("message").asText())
                .isEqualTo("Please ensure that the number of function response parts is equal to the number of "
                        + "function call parts of the function call turn.");
    }

    private static String validationError(String signature) {
        return error(unary("gemini-3-pro-preview", history(signature)), 400).body().path("error").path("message").asText();
    }

    private static ObjectNode history(String signature) {
        ObjectNode request = withWeatherTool(prompt("weather?"));
        ObjectNode part = json("{\"functionCall\": {\"name\": \"get_weather\", \"args\": {\"city\": \"Paris\"}}}").deepCopy();
        if (signature != null) {
            part.put("thoughtSignature", signature);
        }
        ObjectNode model = json("{\"role\": \"model\"}").deepCopy();
        model.putArray("parts").add(part);
        ((ArrayNode) request.get("contents")).add(model);
        ((ArrayNode) request.get("contents")).add(json(
                "{\"role\": \"user\", \"parts\": [{\"functionResponse\": {\"name\": \"get_weather\", \"response\": {}}}]}"));
        return request;
    }

    private static JsonNode firstCall(JsonNode body) {
        return body.path("candidates").path(0).path("content").path("parts").path(0).path("functionCall");
    }
}
