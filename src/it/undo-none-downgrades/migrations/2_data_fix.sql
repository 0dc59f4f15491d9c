-- // fix data by hand: nothing to undo
-- dbmig:undo=none
UPDATE t1 SET id = 2;

-- //@UNDO
