"""Search over published articles, in English and in Chinese.

Every published article has a SearchEntry (models.py) holding its title, summary
and pairs as plain text: English as written, Chinese cut into words by rjieba and
joined with spaces, because neither database engine can find a word in text
without spaces. index.py keeps the entries in step with the articles; query.py
finds and ranks them and cuts the snippets; views.py is the page at
/<lang>/search/. This app reads articles; nothing in articles reads it.
"""
