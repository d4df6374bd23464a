-- Token changes are numbered by the database, not dated by the clock of the instance that made
-- them: every instance's in-memory mirror asks for the changes after the last number it has seen,
-- so a revocation written by an instance whose clock runs behind is seen all the same.
--
-- The number comes from a one-row counter rather than a CREATE SEQUENCE (which SQLite lacks):
-- each change increments the row inside its own transaction, so the row lock orders the writers
-- and numbers become visible in the order they were given. A sequence's numbers can commit out
-- of order (5 after 6), and a reader that saw 6 would never look at 5.
CREATE TABLE token_sequence (
    id    INTEGER PRIMARY KEY,   -- always 1
    value BIGINT  NOT NULL       -- the number of the latest token change
);

INSERT INTO token_sequence (id, value) VALUES (1, 0);

ALTER TABLE tokens ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;

CREATE INDEX tokens_change_seq ON tokens (change_seq);
