-- // orders with a status; the undo is correct
CREATE TABLE orders (id int PRIMARY KEY, customer int REFERENCES customers (id));
ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';

-- //@UNDO
DROP TABLE orders;
