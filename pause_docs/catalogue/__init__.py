"""What an officer can choose from, found by plain words: the law in the registry (and, for
the editor's pickers, the other lists a document names things from)."""
