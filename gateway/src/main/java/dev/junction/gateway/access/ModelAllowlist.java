package dev.junction.gateway.access;

import java.util.List;

/**
 * Which models a token may use: exact names, or patterns with {@code *} matching any run of
 * characters ({@code gemini-2.5-*}). An empty list allows every model.
 */
public record ModelAllowlist(List<String> patterns) {
    public static final ModelAllowlist ANY = new ModelAllowlist(List.of());

    public ModelAllowlist {
        patterns = List.copyOf(patterns);
    }

    public static ModelAllowlist parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return ANY;
        }
        return new ModelAllowlist(List.of(commaSeparated.split(",")).stream().map(String::trim)
                .filter(s -> !s.isEmpty()).toList());
    }

    public boolean allowsAll() {
        return patterns.isEmpty();
    }

    public boolean allows(String model) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (String pattern : patterns) {
            if (matches(pattern, model)) {
                return true;
            }
        }
        return false;
    }

    /** Glob match where {@code *} is the only wildcard. */
    public static boolean matches(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int mark = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = n;
            } else if (star >= 0) {
                p = star + 1;
                n = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    public String joined() {
        return String.join(",", patterns);
    }
}
