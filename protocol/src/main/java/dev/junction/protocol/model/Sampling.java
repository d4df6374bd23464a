package dev.junction.protocol.model;

import java.util.List;
import java.util.Optional;

/** Generation parameters. Absent means "the model's default". */
public record Sampling(
        Optional<Double> temperature,
        Optional<Double> topP,
        Optional<Integer> topK,
        Optional<Integer> maxOutputTokens,
        List<String> stop,
        Optional<Integer> candidateCount,
        Optional<Long> seed,
        Optional<Double> presencePenalty,
        Optional<Double> frequencyPenalty,
        boolean logprobs,
        Optional<Integer> topLogprobs) {

    public Sampling {
        stop = List.copyOf(stop);
    }

    public static Sampling defaults() {
        return new Sampling(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty());
    }
}
