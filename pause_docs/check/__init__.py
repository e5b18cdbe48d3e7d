"""Checking documents: `lint` for documents written with pause-docs, `audit` for notices
a council already publishes."""
