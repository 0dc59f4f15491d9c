-- // create t3
CREATE TABLE t3 (id int PRIMARY KEY, v text);

-- //@UNDO
DROP TABLE t3;
