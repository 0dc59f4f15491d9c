-- // t1
CREATE TABLE t1 (id int);
INSERT INTO t1 SELECT generate_series(1, 100);
