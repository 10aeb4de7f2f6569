"""Marking where each pair starts in a narration: the form of its admin page.

The Voice plays the recording and marks each pair as it begins
(static/js/admin-narration-marks.js); every mark is also a time field written
m:ss.s, so the page works by hand and without scripts. The reader's player
follows the text with these marks (templates/articles/includes/narration.html).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..media.audio import format_duration
from ..models import Block, Narration

# m:ss.s, or seconds alone: "1:05.5", "0:07", "65.5".
CLOCK = re.compile(r"(?:(?P<minutes>\d{1,4}):(?=\d\d))?(?P<seconds>\d+(?:\.\d+)?)")


def format_clock(seconds: float) -> str:
    """Return 65.5 as "1:05.5", the way marks are written."""
    minutes, tenths = divmod(round(seconds * 10), 600)
    return f"{minutes}:{tenths // 10:02d}.{tenths % 10}"


class ClockField(forms.CharField):
    """A time in the recording, written m:ss.s; kept to a tenth of a second."""

    default_error_messages = {
        "invalid": _("Write the time as minutes:seconds, for example 1:05.5."),
    }

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        match = CLOCK.fullmatch(text)
        if not match or (match["minutes"] and float(match["seconds"]) >= 60):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return round(int(match["minutes"] or 0) * 60 + float(match["seconds"]), 1)


class PairMarksForm(forms.Form):
    """One optional start time per pair of text, in reading order."""

    def __init__(self, *args, narration: Narration, **kwargs):
        super().__init__(*args, **kwargs)
        self.narration = narration
        self.pairs = list(
            narration.article.blocks.exclude(kind=Block.Kind.PHOTO).order_by("position")
        )
        for block in self.pairs:
            start = narration.pair_marks.get(str(block.pk))
            self.fields[self.name_of(block)] = ClockField(
                label=_("Pair %(number)s starts at") % {"number": block.position},
                required=False,
                initial=None if start is None else format_clock(start),
                widget=forms.TextInput(
                    attrs={
                        "class": "pair-marks__time",
                        "inputmode": "decimal",
                        "autocomplete": "off",
                        "placeholder": "m:ss.s",
                        "size": 8,
                    }
                ),
            )

    @staticmethod
    def name_of(block: Block) -> str:
        return f"pair-{block.pk}"

    def rows(self):
        """Yield each pair with its time field, for the page's table."""
        for block in self.pairs:
            yield block, self[self.name_of(block)]

    def clean(self):
        """Refuse a mark past the recording's end or not after the one before it."""
        cleaned = super().clean()
        duration = self.narration.duration_seconds
        before = None
        for block in self.pairs:
            name = self.name_of(block)
            start = cleaned.get(name)
            if start is None:
                continue
            facts = {"number": block.position, "start": format_clock(start)}
            if duration is not None and start >= duration:
                self.add_error(
                    name,
                    _(
                        "Pair %(number)s cannot start at %(start)s: the recording "
                        "lasts %(duration)s."
                    )
                    % {**facts, "duration": format_duration(duration)},
                )
            elif before is not None and start <= before[1]:
                self.add_error(
                    name,
                    _(
                        "Pair %(number)s starts at %(start)s, not after pair "
                        "%(previous)s (%(previous_start)s): each pair must start "
                        "after the one before it."
                    )
                    % {
                        **facts,
                        "previous": before[0].position,
                        "previous_start": format_clock(before[1]),
                    },
                )
            else:
                before = (block, start)
        return cleaned

    def save(self) -> Narration:
        """Keep the marks; saving the narration retires the pages that show it."""
        self.narration.pair_marks = {
            str(block.pk): self.cleaned_data[self.name_of(block)]
            for block in self.pairs
            if self.cleaned_data[self.name_of(block)] is not None
        }
        self.narration.save(update_fields=["pair_marks"])
        return self.narration
