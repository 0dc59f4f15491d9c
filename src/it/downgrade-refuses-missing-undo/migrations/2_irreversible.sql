-- // irreversible
CREATE TABLE t2 (id int);
