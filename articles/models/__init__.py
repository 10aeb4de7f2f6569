"""The article aggregate's models: publication, section, article, pairs, photos,
narration, credits.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from staffcredits.models import CreditRole, StaffMember

from ..sanitize import has_text, sanitize_pair

# Language codes as settings.LANGUAGES spells them, and the modeltranslation field
# suffix for each.
LANGUAGE_CODES = ("en", "zh-hans")
# Photographers are credited under the photos ("Photo: …"), not in the closing block.
PHOTOGRAPHER = "photographer"
# The narrator is credited next to the player ("Voice丨…").
VOICE = "voice"
# Reporters are an article's authors (bylines, JSON-LD authors, WeChat's author).
REPORTER = "reporter"


def new_preview_key() -> str:
    return secrets.token_hex(16)


def validate_one_line(value: str) -> None:
    """Refuse a line break in a one-line text such as a title.

    A title is a page heading, a feed item and a mail subject; a line break in a
    mail header is refused by Django (BadHeaderError). Any break `str.splitlines`
    knows counts, the Unicode line and paragraph separators included.
    """
    if "".join(value.splitlines()) != value:
        raise ValidationError(
            _("Write this on one line, without line breaks."), code="line_break"
        )


def field_suffix(language: str) -> str:
    """Return the modeltranslation suffix for a language code (zh-hans -> zh_hans)."""
    return language.replace("-", "_")


class Publication(models.Model):
    """The desk that publishes: its name and the lines printed under every story."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    producer_line = models.CharField(
        _("producer line"),
        max_length=200,
        blank=True,
        help_text=_("Who produced the story, e.g. “…对外传播融媒体中心出品”."),
    )
    studio_line = models.CharField(
        _("studio line"),
        max_length=200,
        blank=True,
        help_text=_("Who edited it, e.g. “Where Zhengzhou工作室编辑制作”."),
    )
    rights_notice = models.CharField(_("rights notice"), max_length=200, blank=True)
    sharing_notice = models.CharField(_("sharing notice"), max_length=200, blank=True)
    default_source = models.CharField(_("default source"), max_length=120, blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="publication/",
        blank=True,
        help_text=_(
            "A square PNG or JPEG, at least 1,400 px a side: the site's header, "
            "search engines and podcast apps show it."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self):
        return self.name


class Section(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name


class Photo(models.Model):
    """A picture in the newsroom's photo library, with its captions and credits.

    Every photo belongs to the library, whoever uploaded it: the Art Editor
    manages them all (text, image, renditions) and any article may use one, as
    its hero or in a photo pair (`Article.hero_photo`, `Block.photo`). A photo a
    reporter uploads from an article's page also remembers that article in
    `uploaded_for`; that is what lets its reporter correct its captions there
    while they may edit the article, and nothing more: it gives the article no
    ownership (deleting the article keeps the photo) and the photo no place in
    the body (only a pair or the hero field places it).
    """

    image = models.ImageField(
        _("image"),
        upload_to="photos/%Y/%m/",
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    photographers = models.ManyToManyField(
        StaffMember,
        verbose_name=_("photographers"),
        blank=True,
        related_name="photos",
    )
    # The resized copies readers download, made once when the photo is saved:
    # [{"format": "webp", "width": 640, "height": 427, "name": "renditions/…"}].
    renditions = models.JSONField(_("renditions"), default=list, editable=False)
    uploaded_for = models.ForeignKey(
        "Article",
        verbose_name=_("uploaded for"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uploaded_photos",
        help_text=_("The article this photo was uploaded from, if any."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        permissions = [
            (
                "upload_article_photo",
                _("Can upload photos into articles they may edit"),
            )
        ]

    def __str__(self):
        return self.caption or self.image.name


# Managing editors read every article, restricted ones included.
READ_RESTRICTED = "articles.publish_article"


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Articles a reader may see now: published, and not scheduled for later.

        articles/rendering.py's PUBLIC_PAGE_SQL says the same in SQL; a test
        keeps the two in step."""
        now = now or timezone.now()
        return self.filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=now),
            status=Article.Status.PUBLISHED,
        )

    def scheduled(self, now=None):
        """Articles published for a later moment that has not come yet."""
        return self.filter(
            status=Article.Status.PUBLISHED, publish_at__gt=now or timezone.now()
        )

    def written_in(self, language: str):
        """Articles with some text in `language`: a title or at least one pair.

        A reader's listings, feeds and sitemaps in one language leave out the
        articles that have nothing in it, rather than show them in the other."""
        suffix = field_suffix(language)
        texts = Block.objects.filter(article=models.OuterRef("pk")).exclude(
            **{f"text_{suffix}": ""}
        )
        return self.filter(~Q(**{f"title_{suffix}": ""}) | models.Exists(texts))

    def readable_by(self, user):
        """Articles `user` may read at the desk: every article, except that a
        restricted one is read only by managing editors, its author and the
        people credited on it (through the login linked to their staff entry)."""
        if user.has_perm(READ_RESTRICTED):
            return self
        credited = ArticleCredit.objects.filter(
            article=models.OuterRef("pk"), member__user=user
        )
        return self.filter(
            Q(restricted=False) | Q(created_by=user) | models.Exists(credited)
        )

    def with_last_event_at(self, name: str = "last_event_at", **filters):
        """Annotate `name`: when the latest history entry matching `filters` was
        made, else `updated_at` (workflow moves leave `updated_at` alone)."""
        events = ArticleEvent.objects.filter(article=models.OuterRef("pk"), **filters)
        latest = events.order_by("-created_at", "-pk").values("created_at")[:1]
        return self.annotate(**{name: Coalesce(models.Subquery(latest), "updated_at")})

    def for_listing(self):
        """Newest first, with the section a list item names."""
        return self.select_related("section").order_by("-first_published_at", "-pk")

    def for_detail(self):
        """Everything an article page shows, in a fixed number of queries."""
        return self.select_related(
            "publication", "section", "hero_photo"
        ).prefetch_related(
            "hero_photo__photographers",
            "corrections",
            models.Prefetch(
                "narrations", queryset=Narration.objects.select_related("voice")
            ),
            models.Prefetch(
                "blocks",
                queryset=Block.objects.select_related("photo")
                .prefetch_related("photo__photographers")
                .order_by("position"),
            ),
            models.Prefetch(
                "credits",
                queryset=ArticleCredit.objects.select_related(
                    "role", "member"
                ).order_by("role__order", "position"),
            ),
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    publication = models.ForeignKey(
        Publication,
        verbose_name=_("publication"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(
        _("title"), max_length=200, blank=True, validators=[validate_one_line]
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("The standfirst (摘要) under the title.")
    )
    translation_note = models.CharField(
        _("translation note"),
        max_length=300,
        blank=True,
        help_text=_("e.g. NB: This may not be a word-for-word transcript."),
    )
    source = models.CharField(_("source"), max_length=120, blank=True)
    restricted = models.BooleanField(
        _("restricted"),
        default=False,
        help_text=_(
            "Only managing editors, its author and the people credited on it can "
            "read it in the admin (an embargoed or sensitive story). Readers see "
            "it as usual once it is published."
        ),
    )
    credits_to_resolve = models.TextField(
        _("credits to resolve"),
        blank=True,
        help_text=_(
            "Credits an import could not add, one “Role丨Names” per line; the "
            "article cannot be published until this is empty."
        ),
    )
    hero_photo = models.ForeignKey(
        Photo,
        verbose_name=_("hero photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    first_published_at = models.DateTimeField(
        _("first published at"), null=True, blank=True, editable=False
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_(
            "Raised on every save; an edit based on an older version is refused."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last saved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("locked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    locked_at = models.DateTimeField(_("locked at"), null=True, editable=False)
    preview_key = models.CharField(
        _("preview key"),
        max_length=32,
        default=new_preview_key,
        editable=False,
        help_text=_("Part of every share link; a new key revokes the old links."),
    )
    # A stored page (StoredPage) is served only while it carries this stamp; it
    # changes with anything the page shows (articles/rendering.py).
    pages_stamp = models.BigIntegerField(_("pages stamp"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish, schedule and unpublish articles")),
            ("approve_article", _("Can approve articles or request changes")),
            ("proofread_article", _("Can proofread articles in review")),
            ("edit_any_article", _("Can edit other people's articles")),
            ("restore_article", _("Can restore an earlier revision")),
            ("break_article_lock", _("Can break another editor's lock")),
            ("share_article_preview", _("Can create and revoke preview links")),
        ]
        indexes = [models.Index(fields=["status", "-first_published_at"])]

    def __str__(self):
        # The title in the interface language, else in the other (modeltranslation's
        # fallback), else the slug.
        return self.title or self.slug

    def get_absolute_url(self):
        return reverse("articles:dual", kwargs={"slug": self.slug})

    @property
    def is_scheduled(self) -> bool:
        """Published for a moment still to come: not public yet."""
        return bool(
            self.status == Article.Status.PUBLISHED
            and self.publish_at
            and self.publish_at > timezone.now()
        )

    def voice_role(self) -> CreditRole | None:
        """Return the role that names the narrator, when the article has narration."""
        if not self.narrations.all():  # prefetched by for_detail(): no query
            return None
        return CreditRole.objects.filter(code=VOICE).first()

    def credited(self, code: str) -> list[StaffMember]:
        """Return the people credited under the role `code`, in credit order."""
        return [c.member for c in self.credits.all() if c.role.code == code]

    def photo_credits(self) -> list[StaffMember]:
        """Return the photographers credited on the article, in credit order."""
        return self.credited(PHOTOGRAPHER)

    def reporters(self) -> list[StaffMember]:
        """Return the article's authors, in credit order."""
        return self.credited(REPORTER)

    def credit_lines(self) -> list[tuple[CreditRole, list[StaffMember]]]:
        """Group the closing credits by role, in role order (photographers excluded)."""
        lines: dict[CreditRole, list[StaffMember]] = {}
        for credit in self.credits.all():
            if credit.role.code != PHOTOGRAPHER:
                lines.setdefault(credit.role, []).append(credit.member)
        return list(lines.items())

    def publish_problems(self) -> list[str]:
        """Return what must be fixed before this article may go live."""
        problems = []
        if not self.title_en or not self.title_zh_hans:
            problems.append(_("Write the title in both English and Chinese."))
        blocks = list(self.blocks.all())
        if not any(
            has_text(block.text_en) or has_text(block.text_zh_hans) for block in blocks
        ):
            problems.append(_("Add at least one paragraph."))
        if self.credits_to_resolve.strip():
            problems.append(
                _(
                    "Resolve the credits kept from the import: add them as "
                    "credits, then empty “Credits to resolve”."
                )
            )
        # A reader who cannot see a photo gets its alt text, in either language.
        photo_ids = [self.hero_photo_id] + [block.photo_id for block in blocks]
        photos = Photo.objects.in_bulk([pk for pk in photo_ids if pk])
        places = {}
        if self.hero_photo_id in photos:
            places[self.hero_photo_id] = _("the hero photo “%(photo)s”") % {
                "photo": photos[self.hero_photo_id]
            }
        for block in blocks:
            if block.photo_id in photos and block.photo_id not in places:
                places[block.photo_id] = _(
                    "the photo in pair %(position)d, “%(photo)s”"
                ) % {"position": block.position, "photo": photos[block.photo_id]}
        for pk, place in places.items():
            if not photos[pk].alt_text_en.strip():
                problems.append(
                    _("Write the English alt text of %(photo)s.") % {"photo": place}
                )
            if not photos[pk].alt_text_zh_hans.strip():
                problems.append(
                    _("Write the Chinese alt text of %(photo)s.") % {"photo": place}
                )
        return problems


class GlossaryTerm(models.Model):
    """A name the desk always renders the same way: Yutong ↔ 宇通."""

    en = models.CharField(_("English"), max_length=120, unique=True)
    zh_hans = models.CharField(_("Chinese"), max_length=120)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["en"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")

    def __str__(self):
        return f"{self.en} ↔ {self.zh_hans}"


class Narration(models.Model):
    """The story read aloud by its Voice."""

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        CHINESE = "zh-hans", _("Chinese")
        BOTH = "both", _("English and Chinese")

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="narrations",
    )
    audio = models.FileField(_("audio"), upload_to="narration/%Y/%m/")
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.BOTH
    )
    voice = models.ForeignKey(
        StaffMember,
        verbose_name=_("voice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="narrations",
    )
    duration_seconds = models.PositiveIntegerField(
        _("duration (seconds)"), null=True, blank=True, editable=False
    )
    # Read from the file when it is uploaded; feeds need both for the enclosure.
    mime_type = models.CharField(
        _("MIME type"), max_length=40, blank=True, editable=False
    )
    size_bytes = models.PositiveBigIntegerField(
        _("size (bytes)"), default=0, editable=False
    )
    # Where each pair starts in the recording, in seconds, by the pair's id:
    # {"41": 12.5}. Marked on the narration's own admin page (articles/admin/
    # marks.py), which checks them; a pair deleted since is simply not followed.
    pair_marks = models.JSONField(
        _("pair marks"), default=dict, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["article_id", "language"]
        verbose_name = _("narration")
        verbose_name_plural = _("narrations")

    def __str__(self):
        return f"{self.article} ({self.get_language_display()})"

    def marked_pairs(self) -> list[tuple["Block", float]]:
        """Return the marked pairs in reading order, each with where it starts.

        Reads the article's pairs as `Article.objects.for_detail()` prefetched them.
        """
        marks = self.pair_marks
        return [
            (block, marks[str(block.pk)])
            for block in self.article.blocks.all()
            if str(block.pk) in marks
        ]

    def pair_starts(self) -> str:
        """Return the marks as the page's player reads them: "1:0.0 3:12.5"."""
        return " ".join(
            f"{block.position}:{start}" for block, start in self.marked_pairs()
        )


class Block(models.Model):
    """One ordered unit of the body: an English text and its Chinese translation."""

    class Kind(models.TextChoices):
        PARAGRAPH = "paragraph", _("Paragraph")
        HEADING = "heading", _("Heading")
        QUOTE = "quote", _("Quote")
        PHOTO = "photo", _("Photo")

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="blocks",
    )
    position = models.PositiveIntegerField(_("position"))
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.PARAGRAPH
    )
    text = models.TextField(_("text"), blank=True)
    photo = models.ForeignKey(
        Photo,
        verbose_name=_("photo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="blocks",
    )
    # The text of each side as it was when someone last checked it (proofread or
    # approved); a side that no longer matches needs review again.
    checked_en = models.TextField(_("English as checked"), blank=True, editable=False)
    checked_zh_hans = models.TextField(
        _("Chinese as checked"), blank=True, editable=False
    )

    class Meta:
        ordering = ["article_id", "position"]
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="articles_block_unique_position"
            ),
            models.CheckConstraint(
                condition=~Q(kind="photo") | Q(photo__isnull=False),
                name="articles_block_photo_has_photo",
            ),
        ]

    def __str__(self):
        return f"{self.article} #{self.position}"

    def save(self, *args, **kwargs):
        sanitize_pair(self)
        super().save(*args, **kwargs)

    def clean(self):
        """Clean the text once here, so the save after the form's checks need not.

        The form has refused a side too long or too deep for the sanitiser
        (`BlockInlineForm`); what reaches here is cheap to clean.
        """
        super().clean()
        sanitize_pair(self)

    def stale_sides(self) -> list[str]:
        """Return the languages whose text changed since the pair was last checked."""
        return [
            language
            for language in LANGUAGE_CODES
            if getattr(self, f"text_{field_suffix(language)}")
            != getattr(self, f"checked_{field_suffix(language)}")
        ]


class ArticleCreditManager(models.Manager):
    def get_queryset(self):
        # A credit is always shown as "role丨person"; fetch both with it, so a
        # revision naming every credit of an article costs one query, not 2N.
        return super().get_queryset().select_related("role", "member")


class ArticleCredit(models.Model):
    """One line of the credits block: a role held by a person on an article."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="credits",
    )
    role = models.ForeignKey(
        CreditRole, verbose_name=_("role"), on_delete=models.PROTECT, related_name="+"
    )
    member = models.ForeignKey(
        StaffMember,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="credits",
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order among people with the same role.")
    )

    objects = ArticleCreditManager()

    class Meta:
        ordering = ["article_id", "role__order", "position"]
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "role", "member"],
                name="articles_articlecredit_unique_role_member",
            )
        ]

    def __str__(self):
        return f"{self.role}丨{self.member}"


class ImportedFile(models.Model):
    """A file the importer made an article from, so it is never imported twice."""

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="imported_files",
    )
    name = models.CharField(_("file name"), max_length=255, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")

    def __str__(self):
        return self.name or self.sha256[:12]


# Last: these models refer to the classes above. Part of articles.models.
from .pages import StoredPage  # noqa: E402, F401 - see above
from .workflow import ArticleEvent, Correction, ShareLink  # noqa: E402, F401 - see above
