-- // accounts
CREATE TABLE accounts (id int PRIMARY KEY, owner text);

-- //@UNDO
DROP TABLE accounts;
