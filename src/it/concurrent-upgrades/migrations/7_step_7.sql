-- // step 7
CREATE TABLE IF NOT EXISTS hits (script int);
INSERT INTO hits VALUES (7);
SELECT pg_sleep(0.3);
