-- // orders, in the tenant's own schema
CREATE TABLE orders (id int PRIMARY KEY, tenant text NOT NULL DEFAULT '${schema}');

-- //@UNDO
DROP TABLE orders;
