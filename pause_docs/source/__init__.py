"""Reading a project: its files (safely, located), the models of every YAML file, the legal
registry, and each document resolved with what it inherits and cites."""
