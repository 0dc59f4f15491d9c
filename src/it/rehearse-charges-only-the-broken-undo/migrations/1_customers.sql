-- // customers
CREATE TABLE customers (id int PRIMARY KEY, name text);
INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 100) g;

-- //@UNDO
DROP TABLE customers;
