-- // people
CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL);
CREATE FUNCTION greet(who text) RETURNS text LANGUAGE sql AS $$ SELECT 'hello ' || who $$;

-- //@UNDO
DROP FUNCTION greet(text);
DROP TABLE people;
