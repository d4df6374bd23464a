-- Metering and accountability: one row per request, spend per token per UTC day, and the
-- admin audit trail. Portable SQL for SQLite and PostgreSQL, as in V1: times are epoch
-- milliseconds, booleans are 0/1 integers, ids are made by the application.

-- One row per authenticated request. request_id is the key so that a batch retried after a
-- lost acknowledgement cannot write a record twice.
CREATE TABLE usage_records (
    request_id     VARCHAR(64)  PRIMARY KEY,
    started_at     BIGINT       NOT NULL,
    token_id       VARCHAR(36),
    token_name     VARCHAR(200),
    model          VARCHAR(200) NOT NULL,   -- as the client asked
    upstream_model VARCHAR(200) NOT NULL,   -- as sent upstream
    upstream       VARCHAR(100) NOT NULL,   -- the provider that served it
    protocol       VARCHAR(16)  NOT NULL,   -- openai | gemini: the client's protocol
    endpoint       VARCHAR(64)  NOT NULL,   -- generateContent, streamGenerateContent, chat.completions...
    stream         INTEGER      NOT NULL,
    prompt_tokens  INTEGER      NOT NULL,
    output_tokens  INTEGER      NOT NULL,
    thought_tokens INTEGER      NOT NULL,
    cached_tokens  INTEGER      NOT NULL,
    estimated      INTEGER      NOT NULL,   -- 1 when the upstream reported no usage and Junction estimated it
    cost_micros    BIGINT       NOT NULL,   -- US dollars x 1,000,000
    latency_ms     BIGINT       NOT NULL,
    first_byte_ms  BIGINT,
    status         INTEGER      NOT NULL,
    error_kind     VARCHAR(32),
    client_gone    INTEGER      NOT NULL    -- 1 when the client went away before the end
);

CREATE INDEX usage_records_started ON usage_records (started_at);
CREATE INDEX usage_records_token_started ON usage_records (token_name, started_at);
CREATE INDEX usage_records_model_started ON usage_records (model, started_at);

-- What each token spent per UTC day, written in the same transaction as its usage records.
-- Daily rows serve every budget period (daily, weekly, monthly, or none = all days), and
-- keep working when an operator changes a token's period.
CREATE TABLE token_spend (
    token_id    VARCHAR(36) NOT NULL,
    day         BIGINT      NOT NULL,       -- days since 1970-01-01, UTC
    cost_micros BIGINT      NOT NULL,
    requests    BIGINT      NOT NULL,
    PRIMARY KEY (token_id, day)
);

-- Every admin action: who did what to which object, when, with the details as JSON.
CREATE TABLE audit_log (
    id          VARCHAR(36)  PRIMARY KEY,
    occurred_at BIGINT       NOT NULL,
    actor       VARCHAR(200) NOT NULL,      -- admin-api@<address> or cli:<user>
    action      VARCHAR(64)  NOT NULL,      -- token.create, token.update, token.revoke
    target      VARCHAR(200),
    details     TEXT
);

CREATE INDEX audit_log_occurred ON audit_log (occurred_at);
