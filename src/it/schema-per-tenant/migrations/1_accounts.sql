-- // accounts, in the tenant's own schema
CREATE TABLE accounts (id int PRIMARY KEY, tenant text NOT NULL DEFAULT '${schema}');
INSERT INTO accounts (id) VALUES (1);

-- //@UNDO
DROP TABLE accounts;
