-- // accounts
CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL);
INSERT INTO accounts VALUES (1, 'from a migration');

-- //@UNDO
DROP TABLE accounts;
