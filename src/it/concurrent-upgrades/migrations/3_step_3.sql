-- // step 3
CREATE TABLE IF NOT EXISTS hits (script int);
INSERT INTO hits VALUES (3);
SELECT pg_sleep(0.3);
