-- // create t2
CREATE TABLE t2 (id int PRIMARY KEY, v text);

-- //@UNDO
DROP TABLE t2;
