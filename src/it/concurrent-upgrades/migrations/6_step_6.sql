-- // step 6
CREATE TABLE IF NOT EXISTS hits (script int);
INSERT INTO hits VALUES (6);
SELECT pg_sleep(0.3);
