package dev.junction.mock.gemini;

import java.util.Optional;
import java.util.OptionalLong;

/** An {@code inlineData} or {@code fileData} part of the prompt, as the mock describes it back. */
record MediaPart(String mimeType, OptionalLong decodedBytes, Optional<String> fileUri) {

    static MediaPart inline(String mimeType, long bytes) {
        return new MediaPart(mimeType, OptionalLong.of(bytes), Optional.empty());
    }

    static MediaPart file(String mimeType, String uri) {
        return new MediaPart(mimeType, OptionalLong.empty(), Optional.of(uri));
    }

    /** One sentence for the answer, e.g. {@code Received inline image/png data of 68 bytes.} */
    String describe() {
        if (fileUri.isPresent()) {
            return "Received file " + mimeType + " at " + fileUri.get() + ".";
        }
        return "Received inline " + mimeType + " data of " + decodedBytes.getAsLong() + " bytes.";
    }
}
