package dev.junction.protocol.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The shape the caller wants the answer in. */
public sealed interface ResponseFormat {
    record Text() implements ResponseFormat {}

    record JsonObject() implements ResponseFormat {}

    record JsonSchema(String name, ObjectNode schema, boolean strict) implements ResponseFormat {}
}
