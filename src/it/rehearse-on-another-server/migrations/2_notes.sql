-- // notes
CREATE TABLE notes (id int PRIMARY KEY, account int REFERENCES accounts, body text);

-- //@UNDO
DROP TABLE notes;
