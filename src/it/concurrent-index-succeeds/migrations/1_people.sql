-- // people
CREATE TABLE people (id int PRIMARY KEY, name text);
INSERT INTO people SELECT g, 'p' || g FROM generate_series(1, 1000) g;
