-- // step 2
CREATE TABLE IF NOT EXISTS hits (script int);
INSERT INTO hits VALUES (2);
SELECT pg_sleep(0.3);
