-- // ledger
CREATE TABLE ledger (entry text);
