"""Generic rules that find, bound and type actor spans: names and titles, state institutions,
collective actors, numbered instruments and aliases. Each module holds one kind of rule; the
``newskg_entities`` component (``newskg.extract.components``) applies them in order."""
