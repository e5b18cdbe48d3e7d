"""Forms as data: a form's definition, the form ready to use (with the model of documents
written on it), its rule and decision, and the facts a DPIA screening derives."""
