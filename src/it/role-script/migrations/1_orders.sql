-- // tables owned by the application role, created by a privileged deploy user
-- dbmig:role=app_owner_role
CREATE TABLE orders (id int PRIMARY KEY);
