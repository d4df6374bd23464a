package dev.junction.gateway.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and recognises the mock's thought signatures: opaque, deterministic, base64 (standard
 * alphabet) strings of {@value #LENGTH} bytes, shaped like Google's. Each carries an HMAC-SHA256
 * tag over what it was issued for (a function call's name and canonical arguments, or an answer's
 * text) under the server secret, so the mock can tell its own signatures from forged, truncated or
 * swapped ones — which is what Gemini 3's validation does (PROTOCOLS §2.4). The rest of the bytes
 * are filler derived from the tag, so signatures are as large as real ones without costing more
 * than one HMAC.
 */
final class ThoughtSignatures {
    /** Google's documented values that skip validation for calls Gemini did not generate. */
    static final Set<String> BYPASS = Set.of("skip_thought_signature_validator", "context_engineering_is_the_way_to_go");
    static final int LENGTH = 288;
    private static final byte CALL = 1;
    private static final byte TEXT = 2;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final ConcurrentLinkedQueue<Mac> macs = new ConcurrentLinkedQueue<>();

    ThoughtSignatures(byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    String forCall(String name, JsonNode args) {
        return Base64.getEncoder().encodeToString(bytes(CALL, name + '\u0000' + canonicalArgs(args)));
    }

    String forText(String text) {
        return Base64.getEncoder().encodeToString(bytes(TEXT, text));
    }

    /** True when {@code signature} is exactly the one this mock issues for that call. */
    boolean issuedForCall(String signature, String name, JsonNode args) {
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return presented.length == LENGTH
                && MessageDigest.isEqual(presented, bytes(CALL, name + '\u0000' + canonicalArgs(args)));
    }

    /** A call without {@code args} is the same call as one with {@code "args": {}}. */
    private static String canonicalArgs(JsonNode args) {
        return args == null || args.isMissingNode() || args.isNull() ? "{}" : CanonicalJson.of(args);
    }

    private byte[] bytes(byte kind, String subject) {
        byte[] tag = hmac(kind, subject);
        byte[] out = new byte[LENGTH];
        // A protobuf-looking header, as Google's signatures have: field 1, length-delimited.
        out[0] = 0x0A;
        out[1] = (byte) 0x9C;
        out[2] = 0x02;
        out[3] = kind;
        System.arraycopy(tag, 0, out, 4, tag.length);
        long seed = 0;
        for (int i = 0; i < 8; i++) {
            seed = (seed << 8) | (tag[i] & 0xFF);
        }
        SplittableRandom filler = new SplittableRandom(seed);
        for (int i = 4 + tag.length; i < LENGTH; i++) {
            out[i] = (byte) filler.nextInt(256);
        }
        return out;
    }

    private byte[] hmac(byte kind, String subject) {
        Mac mac = macs.poll();
        try {
            if (mac == null) {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
            }
            mac.update(kind);
            byte[] tag = mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
            macs.offer(mac);
            return tag;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
