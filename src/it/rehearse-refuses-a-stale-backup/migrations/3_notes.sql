-- // notes on accounts
CREATE TABLE notes (id int PRIMARY KEY, account int REFERENCES accounts (id), body text);
INSERT INTO notes SELECT g, g, 'note ' || g FROM generate_series(1, 100) g;

-- //@UNDO
DROP TABLE notes;
