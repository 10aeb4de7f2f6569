"""The parser's and the checker's messages, shown in the interface language.

`bilingual/` knows no Django: its messages are English strings that remember their
template (bilingual/messages.py). Here they meet Django's translations.
"""

from django.utils import translation

from bilingual.messages import Message


def translated(message: str) -> str:
    """Return a finding's or a parse error's message in the active language."""
    if isinstance(message, Message):
        return message.translated(translation)
    return message
