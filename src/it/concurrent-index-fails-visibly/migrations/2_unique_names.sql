-- // unique names
CREATE UNIQUE INDEX CONCURRENTLY people_name_unique ON people (name);
