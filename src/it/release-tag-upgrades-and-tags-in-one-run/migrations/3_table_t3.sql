-- // table t3
CREATE TABLE t3 (id int PRIMARY KEY);

-- //@UNDO
DROP TABLE t3;
