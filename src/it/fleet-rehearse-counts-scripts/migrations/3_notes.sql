-- // notes on orders
ALTER TABLE orders ADD COLUMN note text;

-- //@UNDO
ALTER TABLE orders DROP COLUMN note;
