package dev.junction.protocol.model;

/** Whether and which tools the model must call. */
public sealed interface ToolChoice {
    record Auto() implements ToolChoice {}

    record None() implements ToolChoice {}

    record Required() implements ToolChoice {}

    record Named(String name) implements ToolChoice {}
}
