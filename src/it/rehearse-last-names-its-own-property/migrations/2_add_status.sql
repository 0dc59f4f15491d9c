-- // a status for every account
ALTER TABLE accounts ADD COLUMN status text NOT NULL DEFAULT 'open';

-- //@UNDO
ALTER TABLE accounts DROP COLUMN status;
