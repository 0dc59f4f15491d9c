-- // an email for every customer; the undo forgets the column
ALTER TABLE customers ADD COLUMN email text;
CREATE TABLE mailings (id int PRIMARY KEY);

-- //@UNDO
DROP TABLE mailings;
