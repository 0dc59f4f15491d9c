-- // a long data migration
INSERT INTO ledger VALUES ('long migration, part 1');
SELECT pg_sleep(${sleep});
INSERT INTO ledger VALUES ('long migration, part 2');
