package dev.junction.gateway.relay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.junction.protocol.Json;
import java.io.IOException;

/** Whether an answer relayed without decoding is one whole JSON object, walked without building a tree. */
final class WholeJson {
    private WholeJson() {}

    static boolean isObject(byte[] body) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }
}
