"""The `backup` and `restore` commands: the database and media in one checked archive.

Ours, not django-dbbackup: see docs/operations.md, "Why not django-dbbackup".
"""
