-- How many upstream calls each request made (retries and failovers included), beside the
-- upstream that served it. Rows written before this column existed say 1 when an upstream was
-- tried and 0 when none was: the fewest calls they can have made.
ALTER TABLE usage_records ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
UPDATE usage_records SET attempts = 1 WHERE upstream <> '';
