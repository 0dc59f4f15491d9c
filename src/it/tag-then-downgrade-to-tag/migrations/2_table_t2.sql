-- // table t2
CREATE TABLE t2 (id int);

-- //@UNDO
DROP TABLE t2;
