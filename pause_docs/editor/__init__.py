"""The editor in `pause-docs serve`: every file of a project written and changed through forms
made from the same models and JSON Schemas `validate` uses, saved keeping its comments and
layout."""
