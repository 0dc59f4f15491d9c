-- // accounts
CREATE TABLE accounts (id int PRIMARY KEY, owner text);
INSERT INTO accounts SELECT g, 'owner ' || g FROM generate_series(1, 100) g;

-- //@UNDO
DROP TABLE accounts;
