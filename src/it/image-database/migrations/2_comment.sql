-- // uses the schema variable
COMMENT ON TABLE ${schema}.t1 IS 'in the throwaway database';
