"""The test harness: the shipped catalogue, a server process, a PostgreSQL cluster."""
