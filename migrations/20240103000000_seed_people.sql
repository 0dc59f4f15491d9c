-- // seed a few people
INSERT INTO people (name, mood) VALUES ('Ada', 'happy'), ('Grace', 'neutral');
DO $$ BEGIN RAISE NOTICE '% people seeded', (SELECT count(*) FROM people); END $$;

-- //@UNDO
DELETE FROM people WHERE name IN ('Ada', 'Grace');
