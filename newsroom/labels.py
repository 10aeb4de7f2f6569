"""Labels of translated fields: "English title" and "中文标题", not "title [zh-hans]".

django-modeltranslation calls this (MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME)
lazily, so the label is built in the language of the page that shows it.
"""

from django.utils.translation import gettext, pgettext

# The language a field is written in, as a word that goes before the field's name.
FIELD_LANGUAGES = {
    "en": lambda: pgettext("field language", "English"),
    "zh-hans": lambda: pgettext("field language", "Chinese"),
}


def field_label(verbose_name, language: str) -> str:
    """Return the label of `verbose_name` in `language`: "English title", "中文标题"."""
    name = FIELD_LANGUAGES.get(language.replace("_", "-"))
    if name is None:
        return f"{verbose_name} [{language}]"
    return gettext("%(language)s %(field)s") % {
        "language": name(),
        "field": verbose_name,
    }
