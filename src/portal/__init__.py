"""Provincial promotion portal: the logic behind the MkDocs hooks and the editors' scripts.

Everything province-specific (names, languages, sections) is read from the site's
``mkdocs.yml``; nothing in this package names a province or a language list.
"""
