"""Credits on their way in: matched to the shared lists, added to them only on consent.

Credit roles and staff members are the whole newsroom's lists; a sidebar line
misread as a credit must not add to them. On the import page each credit is a
row the editor can fix or remove (it travels in the form, like the pairs), and
each unknown role or new person is offered with a checkbox. The draft is created
with only what was ticked (a `Consent`); a credit whose role or people were not
added stays on the draft as text to resolve by hand.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TypedDict

from django.db.models import Q
from django.utils.text import slugify

from bilingual.parser import ROLE_CODES, Credit, ParsedArticle, Person
from bilingual.parser.credits import looks_like_name, people_in, role_key
from bilingual.scripts import HAN, HAN_RE
from staffcredits.models import CreditRole, StaffMember

from .proposal import forget_gone_lines

# "王晓 Wang Xiao" or "Wang Xiao 王晓": one person's name in both scripts.
_HAN_FIRST_RE = re.compile(f"(?P<first>[{HAN}·]+)\\s+(?P<second>.+)")
_HAN_LAST_RE = re.compile(f"(?P<first>.+?)\\s+(?P<second>[{HAN}·]+)")


class CreditRow(TypedDict):
    """One credit as it travels in the import page's form.

    `role` is the parser's role for `read_label`, the label as the text gave
    it; once the editor types another label, the role is read from that label.
    `offered` are the new people shown with a checkbox, `add_people` the ticked
    ones: a name typed since was never offered, and gets the default.
    """

    label: str
    names: str
    role: str
    read_label: str
    line: int | None
    add_role: bool
    add_people: list[str]
    offered: list[str]


@dataclass(frozen=True)
class Review:
    """What a credit would add to the shared lists: its role if none, new people."""

    role: CreditRole | None
    new_people: list[str]


@dataclass(frozen=True)
class Consent:
    """The new roles (by label) and new people (by name) an import may add.

    A new person is added only under a role that exists or is added too.
    """

    roles: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()

    @classmethod
    def default(cls, credits: Iterable[Credit], *, add_roles: bool = False):
        """Return the consent an import has unless told otherwise.

        That is every new person under a known role, and no new role; with
        `add_roles`, every unknown role as well (and so its people).
        """
        credits = list(credits)
        return cls(
            roles=frozenset(c.label for c in credits) if add_roles else frozenset(),
            people=frozenset(p.name for c in credits for p in c.people),
        )

    def allowed_for(self, user) -> Consent:
        """Return this consent less what `user` may not add to the shared lists
        anywhere else either: a role needs `add_creditrole`, a person
        `add_staffmember`."""
        return Consent(
            roles=self.roles
            if user.has_perm("staffcredits.add_creditrole")
            else frozenset(),
            people=self.people
            if user.has_perm("staffcredits.add_staffmember")
            else frozenset(),
        )


def rows_of(parsed: ParsedArticle) -> list[CreditRow]:
    """Return the parser's credits as rows, ticked as the page starts."""
    return settle(
        [
            CreditRow(
                label=credit.label,
                names=format_people(credit.people),
                role=credit.role,
                read_label=credit.label,
                line=credit.line,
                add_role=False,
                add_people=[],
                offered=[],
            )
            for credit in parsed.credits
        ]
    )


def settle(rows: list[CreditRow]) -> list[CreditRow]:
    """Offer each row's new people, keeping the editor's ticks.

    A person not offered before is ticked when their role exists; a new role
    never is. Only reads the database.
    """
    settled = []
    for row in rows:
        found = review(credit_of(row))
        settled.append(
            {
                **row,
                "add_role": row["add_role"] and found.role is None,
                "add_people": [
                    name
                    for name in found.new_people
                    if name in row["add_people"]
                    or (name not in row["offered"] and found.role is not None)
                ],
                "offered": found.new_people,
            }
        )
    return settled


def remove(rows: list[CreditRow], index: int) -> list[CreditRow]:
    """Return the rows without row `index`; an unknown row changes nothing."""
    return [row for number, row in enumerate(rows) if number != index]


def with_credits(parsed: ParsedArticle, rows: list[CreditRow]) -> ParsedArticle:
    """Return `parsed` with its credits replaced by the editor's rows.

    A row without a label or a name credits no one; findings about the line of a
    credit removed go with it.
    """
    credits = tuple(
        credit_of(row) for row in rows if row["label"].strip() and row["names"].strip()
    )
    return forget_gone_lines(parsed, replace(parsed, credits=credits))


def consent_of(rows: list[CreditRow]) -> Consent:
    """Return what the editor ticked on the rows."""
    return Consent(
        roles=frozenset(credit_of(row).label for row in rows if row["add_role"]),
        people=frozenset(name for row in rows for name in row["add_people"]),
    )


def credit_of(row: CreditRow) -> Credit:
    """Read a row back as the parser's credit."""
    label = " ".join(row["label"].split())
    if label == row["read_label"]:
        role = row["role"]
    else:
        role = ROLE_CODES.get(role_key(label), "")
    return Credit(role, label, read_people(row["names"]), row["line"] or 0)


def format_people(people: Iterable[Person]) -> str:
    """Write people as the names field shows them: `王晓 Wang Xiao, Ann Lee (UK)`."""
    written = []
    for person in people:
        name = " ".join(part for part in (person.name, person.other_name) if part)
        if person.note:
            chinese = HAN_RE.search(person.name)
            name += f"（{person.note}）" if chinese else f" ({person.note})"
        written.append(name)
    separator = "、" if all(HAN_RE.search(name) for name in written) else ", "
    return separator.join(written)


def read_people(names: str) -> tuple[Person, ...]:
    """Read the names field back: each name, its note, its name in the other script."""
    people = []
    for person in people_in(names):
        match = _HAN_FIRST_RE.fullmatch(person.name) or _HAN_LAST_RE.fullmatch(
            person.name
        )
        if match and all(map(looks_like_name, match.groups())):
            person = Person(match["first"], person.note, match["second"])
        people.append(person)
    return tuple(people)


def review(credit: Credit) -> Review:
    """Return what `credit` would add: its role if unknown, and its new people."""
    return Review(
        role=find_role(credit),
        new_people=[
            person.name for person in credit.people if find_member(person) is None
        ],
    )


def find_role(credit: Credit) -> CreditRole | None:
    """Return the role whose code or label in either language the credit names."""
    if not credit.label:
        return None
    codes = {credit.role, new_role_code(credit.label)} - {""}
    return (
        CreditRole.objects.filter(
            Q(code__in=codes)
            | Q(label_en__iexact=credit.label)
            | Q(label_zh_hans__iexact=credit.label)
        )
        .order_by("order", "pk")
        .first()
    )


def find_member(person: Person) -> StaffMember | None:
    """Return the staff member with the person's name in either script."""
    query = Q()
    for name in filter(None, (person.name, person.other_name)):
        query |= Q(name_en__iexact=name) | Q(name_zh_hans__iexact=name)
    return StaffMember.objects.filter(query).order_by("pk").first()


def credit_line(label: str, people: Iterable[Person]) -> str:
    """Write a credit as the text had it: `Label丨Names`."""
    return f"{label}丨{format_people(people)}"


def new_role_code(label: str) -> str:
    """Return the code a new role gets: its label as a slug, or a hash of it."""
    digest = hashlib.sha1(label.encode(), usedforsecurity=False).hexdigest()[:8]
    return slugify(label)[:40].strip("-") or f"role-{digest}"
