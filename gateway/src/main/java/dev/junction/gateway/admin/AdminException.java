package dev.junction.gateway.admin;

/** A request the admin API refuses: the status and a message for the operator. */
final class AdminException extends RuntimeException {
    private final int status;
    private final String param;

    AdminException(int status, String message) {
        this(status, message, null);
    }

    AdminException(int status, String message, String param) {
        super(message, null, false, false);
        this.status = status;
        this.param = param;
    }

    static AdminException badRequest(String param, String message) {
        return new AdminException(400, message, param);
    }

    int status() {
        return status;
    }

    java.util.Optional<String> param() {
        return java.util.Optional.ofNullable(param);
    }
}
