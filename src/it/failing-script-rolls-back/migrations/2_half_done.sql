-- // creates a table, then fails: neither may remain
CREATE TABLE half_done (id int);

INSERT INTO half_done
  SELECT missing_column FROM t1;

-- //@UNDO
DROP TABLE half_done;
