-- Identity, branches, devices and token state for the sync server.

CREATE TABLE signing_keys (
  kid         text PRIMARY KEY,
  alg         text NOT NULL CHECK (alg = 'HS256'),
  secret      text NOT NULL,             -- base64, 32 random bytes
  created_at  timestamptz NOT NULL DEFAULT now(),
  retired_at  timestamptz                -- no longer used to sign; still verifies until tokens expire
);

CREATE TABLE branches (
  id          uuid PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  state_code  text NOT NULL,
  gstin       text,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id             uuid PRIMARY KEY,
  username       text NOT NULL,
  name           text NOT NULL,
  role           text NOT NULL CHECK (role IN ('cashier', 'pharmacist', 'manager', 'admin')),
  password_hash  text,                   -- scrypt; null = cannot log in to the REST API
  pin_hash       text,                   -- scrypt; synced to devices of the user's branches
  active         boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Usernames are unique case-insensitively; login matches the same way.
CREATE UNIQUE INDEX users_username ON users (lower(username));

CREATE TABLE user_branches (
  user_id    uuid NOT NULL REFERENCES users (id),
  branch_id  uuid NOT NULL REFERENCES branches (id),
  PRIMARY KEY (user_id, branch_id)
);
CREATE INDEX user_branches_branch ON user_branches (branch_id);

-- Only a hash of the code is kept; claiming it is a single conditional UPDATE.
CREATE TABLE pairing_codes (
  code_hash   text PRIMARY KEY,
  branch_id   uuid NOT NULL REFERENCES branches (id),
  created_by  uuid NOT NULL REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);

-- Invoice series prefixes are handed out from one sequence so no two devices share one.
CREATE SEQUENCE device_prefix_seq START 1;

CREATE TABLE devices (
  id              uuid PRIMARY KEY,
  branch_id       uuid NOT NULL REFERENCES branches (id),
  name            text NOT NULL,
  invoice_prefix  text NOT NULL UNIQUE,
  created_at      timestamptz NOT NULL DEFAULT now(),
  revoked_at      timestamptz
);
CREATE INDEX devices_branch ON devices (branch_id);

-- One family per pairing; reuse of a dead refresh token revokes the family (and its access tokens).
CREATE TABLE token_families (
  id          uuid PRIMARY KEY,
  device_id   uuid NOT NULL REFERENCES devices (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz,
  revoked_reason text
);
CREATE INDEX token_families_device ON token_families (device_id);

CREATE TABLE refresh_tokens (
  id          uuid PRIMARY KEY,
  family_id   uuid NOT NULL REFERENCES token_families (id),
  token_hash  text NOT NULL UNIQUE,      -- sha256 of the token; the token itself is never stored
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
