package dev.junction.protocol.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** A function the model may call. {@code parameters} is a JSON Schema object. */
public record Tool(String name, Optional<String> description, Optional<ObjectNode> parameters, boolean strict) {}
