"""Language resources live in data, one folder per language (``lang/de/``, ``lang/es/``).

Adding a language is adding a folder: ``text.json`` (header labels, abbreviations),
``time.toml`` (temporal expressions), ``events.toml`` (event lexicon), ``ner.json``,
``places.json``, ``roles.json``, ``demonyms.json``; files of no one language sit here
(``agencies.json``, ``orgs.json``). Read them with :mod:`tidings.resources`.
"""
