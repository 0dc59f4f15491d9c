-- // an index that is slow to build, but only in a database whose name holds "dbmig" (a restore's temporary copy)
CREATE FUNCTION slow(i int) RETURNS int IMMUTABLE LANGUAGE sql
  AS $$ SELECT i + (CASE WHEN current_database() LIKE '%dbmig%' THEN pg_sleep(0.2) END IS NULL)::int - 1 $$;
CREATE TABLE numbers (i int);
INSERT INTO numbers SELECT generate_series(1, 300);
CREATE INDEX numbers_slow ON numbers (slow(i));

-- //@UNDO
DROP TABLE numbers;
DROP FUNCTION slow(int);
