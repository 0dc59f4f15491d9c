-- // create t1
CREATE TABLE t1 (id int PRIMARY KEY, v text);

-- //@UNDO
DROP TABLE t1;
