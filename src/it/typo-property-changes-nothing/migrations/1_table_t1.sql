-- // t1
CREATE TABLE t1 (id int);

-- //@UNDO
DROP TABLE t1;
