-- // create customers
CREATE TABLE customers (id int PRIMARY KEY, v text);

-- //@UNDO
DROP TABLE customers;
