-- // add a trigger function: a dollar-quoted body with semicolons inside
CREATE FUNCTION touch_customer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.v := coalesce(NEW.v, 'touched; by trigger');
  RETURN NEW;
END;
$$;
CREATE TRIGGER customers_touch BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION touch_customer();

-- //@UNDO
DROP TRIGGER customers_touch ON customers;
DROP FUNCTION touch_customer();
