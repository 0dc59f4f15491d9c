-- // step 5
CREATE TABLE IF NOT EXISTS hits (script int);
INSERT INTO hits VALUES (5);
SELECT pg_sleep(0.3);
