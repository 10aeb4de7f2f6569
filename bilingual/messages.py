"""Messages that read as English here and can be shown in Chinese by the caller.

Nothing here translates (no Django): a message is the English text, a `str`, that
also remembers its template and values. The Django side hands it to `gettext` /
`ngettext` when it shows it (`articles/findings.py`), so the parser's and the
checker's findings reach a Chinese desk in Chinese. The two functions are named
like Django's lazy ones so that `makemessages` collects their templates.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol


class Message(str):
    """English text made from a `%(name)s` template; values may be Messages too."""

    template: str
    values: Mapping[str, object]
    plural: str | None
    count: int | None
    context: str | None

    def __new__(
        cls,
        template: str,
        values: Mapping[str, object],
        *,
        plural: str | None = None,
        count: int | None = None,
        context: str | None = None,
    ) -> Message:
        chosen = template if plural is None or count == 1 else plural
        message = super().__new__(cls, chosen % dict(values))
        message.template, message.values = template, values
        message.plural, message.count, message.context = plural, count, context
        return message

    def __reduce__(self):
        # Pickled and copied as a Message, not as a plain string.
        options = {"plural": self.plural, "count": self.count, "context": self.context}
        return _rebuild, (self.template, dict(self.values), options)

    def translated(self, translations: Translations) -> str:
        """Return the message in the language `translations` speaks."""
        if self.plural is not None:
            template = translations.ngettext(self.template, self.plural, self.count)
        elif self.context is not None:
            template = translations.pgettext(self.context, self.template)
        else:
            template = translations.gettext(self.template)
        values = {
            name: value.translated(translations)
            if isinstance(value, Message)
            else value
            for name, value in self.values.items()
        }
        return template % values


def _rebuild(template: str, values: dict, options: dict) -> Message:
    return Message(template, values, **options)


class Translations(Protocol):
    """What `Message.translated` needs: Django's translation module has it."""

    def gettext(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, count: int) -> str: ...

    def pgettext(self, context: str, message: str) -> str: ...


def gettext_lazy(template: str, /, **values: object) -> Message:
    """Return the message `template` % `values`, kept translatable."""
    return Message(template, values)


def ngettext_lazy(
    singular: str, plural: str, number: int, /, **values: object
) -> Message:
    """Return the singular or plural message for `number`, kept translatable."""
    return Message(singular, values, plural=plural, count=number)


def pgettext_lazy(context: str, template: str, /, **values: object) -> Message:
    """Return `template` % `values` whose translation depends on `context`."""
    return Message(template, values, context=context)


def joined(items: list[str]) -> Message | str:
    """Join "a", "b" and "c" as "a, b and c" (in Chinese "a、b和c")."""
    if len(items) < 2:
        return items[0] if items else ""
    listed = items[0]
    for item in items[1:-1]:
        listed = pgettext_lazy("list", "%(list)s, %(item)s", list=listed, item=item)
    return pgettext_lazy("list", "%(list)s and %(item)s", list=listed, item=items[-1])


def clauses(parts: list[str]) -> Message | str:
    """Join clauses as "a, b, c" (in Chinese "a，b，c")."""
    if not parts:
        return ""
    sentence = parts[0]
    for part in parts[1:]:
        sentence = pgettext_lazy(
            "clauses", "%(clauses)s, %(clause)s", clauses=sentence, clause=part
        )
    return sentence
