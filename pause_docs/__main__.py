"""`python -m pause_docs` runs the command line."""

from .cli import main

# Not when imported: a worker process started with 'spawn' imports this module again.
if __name__ == "__main__":
    main()
