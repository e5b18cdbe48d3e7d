"""`pause-docs serve`: a live preview of a project's documents in the browser, each page as
`build` would publish it, with the document's problems listed over it and linked to the part
of the page they concern.

`status` says what the index shows and checks one document, `checker` checks them all in
the background (and `checked` keys what it found and keeps it between runs), `locate` ties
a problem to the words on the page it is about, `session` renders documents from the source
and keeps the last good rendering, `pages` writes the preview's own HTML, `printing` makes
PDFs in a worker process, and `server` is the web application, the file watcher and the
server that runs them.
"""
