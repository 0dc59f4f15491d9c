-- // one event
INSERT INTO events VALUES (1, 'once');
-- //@UNDO
DELETE FROM events;
