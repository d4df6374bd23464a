package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and recognises the mock's thought signatures: opaque, deterministic, base64 (standard
 * alphabet) strings of {@value #LENGTH} bytes, shaped like Google's. Each carries a nonce taken
 * from the response it was issued in and an HMAC-SHA256 tag over that nonce and what it was
 * issued for (a function call's name and canonical arguments, or an answer's text) under the
 * server secret, so the mock can tell its own signatures from forged, truncated or swapped ones —
 * which is what Gemini 3's validation does (PROTOCOLS §2.4). The nonce makes signatures unique per
 * response, as Google's are (they carry the model's thought state): the same call made in two
 * turns is signed differently, so a gateway that puts one turn's signature on another's call is
 * caught by a test comparing them, while the mock, which only checks the tag, still accepts both.
 * The same request still gets the same bytes. The rest of the bytes are filler derived from the
 * tag, so signatures are as large as real ones without costing more than one HMAC.
 */
final class ThoughtSignatures {
    /** Google's documented values that skip validation for calls Gemini did not generate. */
    static final Set<String> BYPASS = Set.of("skip_thought_signature_validator", "context_engineering_is_the_way_to_go");
    static final int LENGTH = 288;
    private static final int HEADER = 4;
    private static final int NONCE = 16;
    private static final byte CALL = 1;
    private static final byte TEXT = 2;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final ConcurrentLinkedQueue<Mac> macs = new ConcurrentLinkedQueue<>();

    ThoughtSignatures(byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    /** @param responseId the id of the response the signature is issued in */
    String forCall(String responseId, String name, JsonNode args) {
        return Base64.getEncoder().encodeToString(bytes(CALL, nonce(responseId), name + '\u0000' + canonicalArgs(args)));
    }

    /** @param responseId the id of the response the signature is issued in */
    String forText(String responseId, String text) {
        return Base64.getEncoder().encodeToString(bytes(TEXT, nonce(responseId), text));
    }

    /** True when {@code signature} is exactly one this mock issues for that call, in whatever response. */
    boolean issuedForCall(String signature, String name, JsonNode args) {
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (presented.length != LENGTH) {
            return false;
        }
        byte[] nonce = Arrays.copyOfRange(presented, HEADER, HEADER + NONCE);
        return MessageDigest.isEqual(presented, bytes(CALL, nonce, name + '\u0000' + canonicalArgs(args)));
    }

    private static byte[] nonce(String responseId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(responseId.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, NONCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A call without {@code args} is the same call as one with {@code "args": {}}. */
    private static String canonicalArgs(JsonNode args) {
        return args == null || args.isMissingNode() || args.isNull() ? "{}" : CanonicalJson.of(args);
    }

    private byte[] bytes(byte kind, byte[] nonce, String subject) {
        byte[] tag = hmac(kind, nonce, subject);
        byte[] out = new byte[LENGTH];
        // A protobuf-looking header, as Google's signatures have: field 1, length-delimited.
        out[0] = 0x0A;
        out[1] = (byte) 0x9C;
        out[2] = 0x02;
        out[3] = kind;
        System.arraycopy(nonce, 0, out, HEADER, NONCE);
        System.arraycopy(tag, 0, out, HEADER + NONCE, tag.length);
        long seed = 0;
        for (int i = 0; i < 8; i++) {
            seed = (seed << 8) | (tag[i] & 0xFF);
        }
        SplittableRandom filler = new SplittableRandom(seed);
        for (int i = HEADER + NONCE + tag.length; i < LENGTH; i++) {
            out[i] = (byte) filler.nextInt(256);
        }
        return out;
    }

    private byte[] hmac(byte kind, byte[] nonce, String subject) {
        Mac mac = macs.poll();
        try {
            if (mac == null) {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
            }
            mac.update(kind);
            mac.update(nonce);
            byte[] tag = mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
            macs.offer(mac);
            return tag;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
