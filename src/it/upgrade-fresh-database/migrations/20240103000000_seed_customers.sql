-- // seed
INSERT INTO customers (id) VALUES (1), (2);
DO $$ BEGIN RAISE NOTICE 'seeded % customers', (SELECT count(*) FROM customers); END $$;

-- //@UNDO
DELETE FROM customers WHERE id IN (1, 2);
