"""pause-docs: data-protection documents for children's-services programmes, from YAML."""

__version__ = "0.1.0"
