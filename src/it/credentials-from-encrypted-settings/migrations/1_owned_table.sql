-- // create owned
CREATE TABLE owned (id int PRIMARY KEY, v text);

-- //@UNDO
DROP TABLE owned;
