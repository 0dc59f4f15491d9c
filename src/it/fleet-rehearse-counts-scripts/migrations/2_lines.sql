-- // order lines
CREATE TABLE lines (order_id int REFERENCES orders, item text NOT NULL);

-- //@UNDO
DROP TABLE lines;
