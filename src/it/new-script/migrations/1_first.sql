-- // create first
CREATE TABLE first (id int PRIMARY KEY, v text);

-- //@UNDO
DROP TABLE first;
