-- // a data fix with nothing to undo, yet an undo statement
-- dbmig:undo=none
UPDATE t1 SET id = id;

-- //@UNDO
DELETE FROM t1;
