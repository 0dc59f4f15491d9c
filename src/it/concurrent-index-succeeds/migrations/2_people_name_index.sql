-- // index without blocking writes
CREATE INDEX CONCURRENTLY people_name ON people (name);

-- //@UNDO
DROP INDEX CONCURRENTLY people_name;
