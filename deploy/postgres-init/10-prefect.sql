-- Prefect's own state lives beside the application's data, in its own database.
CREATE DATABASE prefect;
