package dev.junction.gateway.config;

/**
 * Configuration Junction will not start with. The message names the key, and the file and line
 * when the value came from a file, so the operator can go straight to it.
 */
public final class ConfigException extends RuntimeException {
    private final String pointer;

    /** @param pointer the offending key as a JSON pointer, e.g. {@code /upstreams/0/base_url} */
    public ConfigException(String pointer, String message) {
        super(message);
        this.pointer = pointer;
    }

    public String pointer() {
        return pointer;
    }

    /** The key in the dotted form operators write, e.g. {@code upstreams[0].base_url}. */
    public String key() {
        StringBuilder key = new StringBuilder();
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.chars().allMatch(Character::isDigit)) {
                key.append('[').append(segment).append(']');
            } else {
                key.append(key.isEmpty() ? "" : ".").append(segment.replace("~1", "/").replace("~0", "~"));
            }
        }
        return key.toString();
    }
}
