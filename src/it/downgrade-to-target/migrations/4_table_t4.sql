-- // create t4
CREATE TABLE t4 (id int PRIMARY KEY, v text);

-- //@UNDO
DROP TABLE t4;
