-- // a production and a working schema, with data, a function, an enum and a large object
CREATE SCHEMA prod;
CREATE SCHEMA work;
CREATE TYPE prod.mood AS ENUM ('happy', 'sad');
CREATE TABLE prod.people (id int PRIMARY KEY, name text NOT NULL, mood prod.mood, doc oid);
CREATE TABLE work.drafts (id serial PRIMARY KEY, body text);
CREATE FUNCTION prod.greet(who text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN 'hello ' || who; END $$;
INSERT INTO prod.people SELECT g, 'person ' || g, CASE WHEN g % 3 = 0 THEN 'happy' ELSE 'sad' END::prod.mood, NULL
  FROM generate_series(1, 1000) g;
UPDATE prod.people SET doc = lo_from_bytea(0, convert_to('the large object', 'UTF8')) WHERE id = 1;
INSERT INTO work.drafts (body) SELECT md5(g::text) FROM generate_series(1, 300) g;
