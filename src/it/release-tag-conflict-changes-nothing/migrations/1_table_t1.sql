-- // table t1
CREATE TABLE t1 (id int PRIMARY KEY);

-- //@UNDO
DROP TABLE t1;
