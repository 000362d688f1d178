-- Runs once, when the postgres container creates its data volume: the owner role that migrations run as, and the
-- database it owns. The API's runtime role (crm_app) is created by the API's migrate command.
CREATE ROLE crm_owner LOGIN CREATEROLE PASSWORD 'crm_owner_dev';
CREATE DATABASE m3core OWNER crm_owner;
