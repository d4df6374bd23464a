package dev.junction.gateway.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What an operator asks for when issuing a token. */
public record NewToken(String name, Optional<Instant> expiresAt, ModelAllowlist models, List<CidrBlock> cidrs,
        TokenLimits limits) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");

    public NewToken {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a token name is 1 to 100 letters, digits, '.', '_', '@' or '-', "
                    + "starting with a letter or digit; got '" + name + "'");
        }
        cidrs = List.copyOf(cidrs);
    }

    public static NewToken named(String name) {
        return new NewToken(name, Optional.empty(), ModelAllowlist.ANY, List.of(), TokenLimits.NONE);
    }
}
