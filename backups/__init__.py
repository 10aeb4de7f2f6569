"""The `backup` and `restore` commands: database and media in one checked archive.

Not django-dbbackup, which keeps database and media apart and restores unchecked
(docs/operations.md, "Why not django-dbbackup").
"""
