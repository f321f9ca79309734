-- Runs once, when the PostgreSQL volume is created (docker-entrypoint-initdb.d). Each app creates and
-- migrates its own schema at start; creating them here too lets a DBA hand out narrower grants later
-- without waiting for the first start.
CREATE SCHEMA IF NOT EXISTS gateway;
CREATE SCHEMA IF NOT EXISTS polls;
CREATE SCHEMA IF NOT EXISTS comments;
CREATE SCHEMA IF NOT EXISTS reporter;
CREATE SCHEMA IF NOT EXISTS notifications;
