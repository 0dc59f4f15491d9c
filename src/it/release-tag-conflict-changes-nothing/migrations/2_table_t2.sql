-- // table t2
CREATE TABLE t2 (id int PRIMARY KEY);

-- //@UNDO
DROP TABLE t2;
