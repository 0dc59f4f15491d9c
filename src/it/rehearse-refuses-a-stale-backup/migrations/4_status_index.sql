-- // find accounts by status
CREATE INDEX accounts_status ON accounts (status);

-- //@UNDO
DROP INDEX accounts_status;
