-- // step 1
CREATE TABLE IF NOT EXISTS hits (script int);
INSERT INTO hits VALUES (1);
SELECT pg_sleep(0.3);
