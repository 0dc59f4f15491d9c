INSERT INTO accounts VALUES (2, 'from the test data');
