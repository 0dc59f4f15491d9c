-- // table t1
CREATE TABLE t1 (id int);
INSERT INTO t1 VALUES (1);

-- //@UNDO
DROP TABLE t1;
