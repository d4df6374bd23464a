-- Junction's client tokens. One schema for SQLite and PostgreSQL: portable types only
-- (TEXT, BIGINT, INTEGER), times as epoch milliseconds, ids made by the application.
CREATE TABLE tokens (
    id             VARCHAR(36)  PRIMARY KEY,
    name           VARCHAR(200) NOT NULL UNIQUE,
    secret_hash    VARCHAR(64)  NOT NULL UNIQUE,  -- SHA-256 of the token, hex; the token itself is never stored
    secret_hint    VARCHAR(16)  NOT NULL,         -- the token's last characters, to tell tokens apart in listings
    status         VARCHAR(16)  NOT NULL,         -- active | revoked
    created_at     BIGINT       NOT NULL,
    updated_at     BIGINT       NOT NULL,
    expires_at     BIGINT,
    models         TEXT,                          -- comma-separated names and patterns (gemini-2.5-*); NULL = all
    cidrs          TEXT,                          -- comma-separated CIDR blocks; NULL = any address
    rpm_limit      INTEGER,
    tpm_limit      INTEGER,
    max_concurrent INTEGER,
    budget_micros  BIGINT,                        -- US dollars x 1,000,000; NULL = no budget
    budget_period  VARCHAR(16)                    -- daily | weekly | monthly; NULL = never resets
);

CREATE INDEX tokens_updated_at ON tokens (updated_at);
