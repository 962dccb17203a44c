"""The web reading room (`newsarchive serve`): Datasette over the records database, our
search/article pages as a Datasette plugin, and pywb replay on a separate origin.

Imported only by `newsarchive serve`: Datasette and uvicorn load here, never for crawls.
"""
