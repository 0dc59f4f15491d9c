-- // keep people.updated_at current
-- Whole scripts are sent to PostgreSQL, so dollar-quoted bodies with semicolons need no special delimiter.
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;

CREATE TRIGGER people_touch BEFORE UPDATE ON people
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- //@UNDO
DROP TRIGGER people_touch ON people;
DROP FUNCTION touch_updated_at();
