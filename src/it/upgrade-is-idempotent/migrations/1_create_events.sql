-- // create events
CREATE TABLE events (id int PRIMARY KEY, v text);

-- //@UNDO
DROP TABLE events;
