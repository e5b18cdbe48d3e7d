"""Setting up: a council's own project (`init`), new documents (`new`), and the JSON
Schemas editors use."""
