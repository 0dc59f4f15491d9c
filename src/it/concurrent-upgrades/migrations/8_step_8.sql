-- // step 8
CREATE TABLE IF NOT EXISTS hits (script int);
INSERT INTO hits VALUES (8);
SELECT pg_sleep(0.3);
