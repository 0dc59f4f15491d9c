-- // a first account
INSERT INTO accounts VALUES (1, current_database());

-- //@UNDO
DELETE FROM accounts WHERE id = 1;
