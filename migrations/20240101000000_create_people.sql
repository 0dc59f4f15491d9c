-- // create people
-- An example migration: the part above the UNDO marker upgrades, the part below undoes.
CREATE TYPE mood AS ENUM ('happy', 'sad', 'neutral');

CREATE TABLE people (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       text NOT NULL,
  mood       mood NOT NULL DEFAULT 'neutral',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- //@UNDO
DROP TABLE people;
DROP TYPE mood;
