-- // table t3
CREATE TABLE t3 (id int);

-- //@UNDO
DROP TABLE t3;
