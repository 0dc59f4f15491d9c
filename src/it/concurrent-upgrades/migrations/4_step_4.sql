-- // step 4
CREATE TABLE IF NOT EXISTS hits (script int);
INSERT INTO hits VALUES (4);
SELECT pg_sleep(0.3);
