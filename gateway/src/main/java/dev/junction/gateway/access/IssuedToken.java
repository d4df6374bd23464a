package dev.junction.gateway.access;

/** A token just created, with its secret: the only moment the secret exists outside the client. */
public record IssuedToken(Token token, String secret) {
    @Override
    public String toString() {
        return "IssuedToken[" + token.name() + "]";
    }
}
