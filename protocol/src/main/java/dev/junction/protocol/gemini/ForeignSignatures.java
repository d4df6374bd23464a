package dev.junction.protocol.gemini;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Another vendor's signature (Anthropic's thinking signature, say) in a Gemini
 * {@code thoughtSignature}, which Google types as bytes: its SDKs decode the base64 on the way in
 * and encode it again on the way back, and fail on anything else. A signature that is canonical
 * base64 goes out as it is (it comes back byte for byte); any other is wrapped, as the base64 of
 * a marker and its text, and unwrapped when the caller sends it back.
 */
final class ForeignSignatures {
    private static final byte[] MARKER = "junction-signature:".getBytes(StandardCharsets.US_ASCII);

    private ForeignSignatures() {}

    /** {@code signature} as a {@code thoughtSignature} any Google SDK reads. */
    static String toWire(String signature) {
        if (isCanonicalBase64(signature)) {
            return signature;
        }
        byte[] text = signature.getBytes(StandardCharsets.UTF_8);
        byte[] wrapped = Arrays.copyOf(MARKER, MARKER.length + text.length);
        System.arraycopy(text, 0, wrapped, MARKER.length, text.length);
        return Base64.getEncoder().encodeToString(wrapped);
    }

    /** The vendor's signature from a {@code thoughtSignature} the caller sent back. */
    static String fromWire(String thoughtSignature) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(thoughtSignature);
        } catch (IllegalArgumentException e) {
            return thoughtSignature;
        }
        if (bytes.length < MARKER.length || !Arrays.equals(bytes, 0, MARKER.length, MARKER, 0, MARKER.length)) {
            return thoughtSignature;
        }
        return new String(bytes, MARKER.length, bytes.length - MARKER.length, StandardCharsets.UTF_8);
    }

    private static boolean isCanonicalBase64(String text) {
        if (text.isEmpty() || text.length() % 4 != 0) {
            return false;
        }
        try {
            return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(text)).equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
