"""The article's admin: pairs side by side, credits, workflow, revisions."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from staffcredits.models import CreditRole

from .. import checking, preview, revisions, services, timezones
from ..findings import translated
from ..forms import (
    ArticleAdminForm,
    BlockInlineForm,
)
from ..i18n import HTML_LANG
from ..models import (
    LANGUAGE_CODES,
    READ_RESTRICTED,
    REPORTER,
    Article,
    ArticleCredit,
    Block,
    field_suffix,
)
from ..workflow import (
    LANGUAGE_NAMES,
    TRANSITIONS,
    available_transitions,
    can_edit,
    can_only_edit_text,
    pair_check_states,
    sign_offs,
)
from .importing import ImportViews
from .media import PhotoChoosers, PhotoInline
from .paginator import LargeTablePaginator


class ArticleBoundInline:
    """An inline that is read-only whenever its article is."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and (
            obj is None or can_edit(request.user, obj)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or can_edit(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or can_edit(request.user, obj)
        )


class BlockInline(PhotoChoosers, ArticleBoundInline, TranslationTabularInline):
    model = Block
    form = BlockInlineForm
    # One pair a row, the two editors side by side (css/admin-pairs.css).
    template = "admin/articles/article/pair_inline.html"
    fields = ["position", "kind", "text", "photo", "checks"]
    extra = 1
    photo_fields = ("photo",)
    verbose_name = _("pair")
    verbose_name_plural = _("pairs (English left, Chinese right)")

    def get_queryset(self, request):
        # Each row is headed by its pair's name, which names the article.
        return super().get_queryset(request).select_related("article")

    def get_readonly_fields(self, request, obj=None):
        if can_only_edit_text(request.user):
            return ["position", "kind", "photo", "checks"]
        return ["checks"]

    @admin.display(description=_("checks"))
    def checks(self, block):
        """List what the translation checks found in this pair, and what is stale."""
        if block.pk is None:
            return ""
        if getattr(self, "_reports", None) is None:
            # One report per page: the checks compare each pair with the others.
            article = Article.objects.prefetch_related("blocks").get(
                pk=block.article_id
            )
            self._reports = {
                report.block.pk: report.findings
                for report in checking.article_report(article)
            }
        items = [
            (f"check check--{finding.severity}", translated(finding.message))
            for finding in self._reports.get(block.pk, [])
        ]
        messages_by_state = {
            "unchecked": _("%(language)s not yet checked."),
            "changed": _("%(language)s changed since it was checked."),
        }
        items += [
            (
                f"check check--{state}",
                messages_by_state[state] % {"language": LANGUAGE_NAMES[side]},
            )
            for side, state in pair_check_states(block)
        ]
        if not items:
            return format_html('<span class="check check--ok">{}</span>', _("OK"))
        return format_html(
            '<ul class="checks">{}</ul>',
            format_html_join("", '<li class="{}">{}</li>', items),
        )


class ArticleCreditInline(ArticleBoundInline, admin.TabularInline):
    model = ArticleCredit
    fields = ["role", "member", "position"]
    autocomplete_fields = ["member"]
    extra = 1


@admin.register(Article)
class ArticleAdmin(PhotoChoosers, ImportViews, TranslationAdmin):
    form = ArticleAdminForm
    # Photos last: a new one is placed once the pairs are saved (PhotoInline).
    inlines = [BlockInline, ArticleCreditInline, PhotoInline]
    list_display = ["__str__", "status_label", "section", "created_by", "updated"]
    list_filter = ["status", "section", "publication"]
    search_fields = ["title_en", "title_zh_hans", "slug"]
    # A big archive: no second full COUNT for "(N total)", a count that stops early
    # (admin/paginator.py), and the columns' related rows joined in the same query.
    # Migration 0008 indexes the list's order under each filter.
    show_full_result_count = False
    paginator = LargeTablePaginator
    list_select_related = ["section", "created_by"]
    list_per_page = 50
    photo_fields = ("hero_photo",)
    change_form_template = "admin/articles/article/change_form.html"
    fieldsets = [
        (_("Title"), {"fields": [("title_en", "title_zh_hans"), "slug"]}),
        (
            _("Standfirst"),
            {
                "fields": [
                    ("summary_en", "summary_zh_hans"),
                    ("translation_note_en", "translation_note_zh_hans"),
                ]
            },
        ),
        (
            _("Placement"),
            {
                "fields": [
                    "publication",
                    "section",
                    "source",
                    "hero_photo",
                    "restricted",
                ]
            },
        ),
        (None, {"fields": ["opened_version"]}),
    ]
    # Shown while an import left credits it could not add (builder.py).
    credits_fieldset = (
        _("Credits to resolve"),
        {
            "fields": ["credits_to_resolve"],
            "description": _(
                "The import found these credits but did not add their role or "
                "people to the newsroom's lists. Add each one under Credits below "
                "(create the role or the person first if they are new), then "
                "empty this box. The article cannot be published until it is empty."
            ),
        },
    )
    correction_fieldset = (
        _("Correction (printed under the live article)"),
        {"fields": [("correction_en", "correction_zh_hans")]},
    )
    text_fields = [
        f"{name}_{suffix}"
        for name in ("title", "summary", "translation_note")
        for suffix in ("en", "zh_hans")
    ]

    class Media:
        css = {"all": ["css/admin-pairs.css"]}
        js = ["js/admin-pairs.js", "js/admin-preview.js"]

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, article):
        if article.is_scheduled:
            return _("Scheduled for %(when)s") % {
                "when": timezones.newsroom_time(article.publish_at)
            }
        return article.get_status_display()

    updated = timezones.time_column("updated_at", _("updated at"))

    def get_view_on_site_url(self, obj=None):
        """The public page once readers can see it; the preview until then."""
        if obj is not None and not preview.is_public(obj):
            return reverse("admin:articles_article_preview", args=[obj.pk])
        return super().get_view_on_site_url(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or can_edit(request.user, obj)
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Mark each translated field with its language; its box shows a few lines
        and grows with the text (css/admin-pairs.css)."""
        if db_field.name == "title":  # each language's field copies this widget
            # A long headline wraps rather than scrolls out of sight; it is still
            # one line (the model refuses a break, the script ignores Enter).
            kwargs["widget"] = forms.Textarea(attrs={"rows": 1, "class": "headline"})
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        for code in LANGUAGE_CODES:
            if field is not None and db_field.name.endswith(f"_{field_suffix(code)}"):
                field.widget.attrs["lang"] = HTML_LANG[code]
                if isinstance(field.widget, forms.Textarea):
                    field.widget.attrs.setdefault("rows", 3)
        return field

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        live = (
            obj is not None
            and obj.status == Article.Status.PUBLISHED
            and not obj.is_scheduled
        )
        if live and self.has_change_permission(request, obj):
            fieldsets.insert(-1, self.correction_fieldset)
        if obj is not None and obj.credits_to_resolve:
            fieldsets.insert(0, self.credits_fieldset)
        return fieldsets

    def get_queryset(self, request):
        # Every page of an article goes through here: a restricted article is
        # not found by those who may not read it.
        return super().get_queryset(request).readable_by(request.user)

    def get_readonly_fields(self, request, obj=None):
        if obj and can_only_edit_text(request.user):
            editable = set(self.text_fields) | {"opened_version"}
            return [
                name
                for fieldset in [*self.fieldsets, self.credits_fieldset]
                for line in fieldset[1]["fields"]
                for name in (line if isinstance(line, tuple) else [line])
                if name not in editable
            ]
        if not request.user.has_perm(READ_RESTRICTED):
            return ["restricted"]
        return []

    def get_urls(self):
        def view(function, route, name):
            return path(
                route,
                self.admin_site.admin_view(function),
                name=f"articles_article_{name}",
            )

        return [
            view(self.import_view, "import/", "import"),
            view(self.transition_view, "<int:pk>/workflow/<str:name>/", "transition"),
            view(self.proofread_view, "<int:pk>/proofread/<str:lang>/", "proofread"),
            view(self.lock_view, "<int:pk>/lock/", "lock"),
            view(self.revisions_view, "<int:pk>/revisions/", "revisions"),
            view(self.restore_view, "<int:pk>/restore/<int:version_id>/", "restore"),
            view(preview.staff_preview, "<int:pk>/preview/", "preview"),
            view(preview.preview_panel, "<int:pk>/preview/panel/", "preview_panel"),
            view(preview.share_preview, "<int:pk>/share-preview/", "share_preview"),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        opened = form.cleaned_data["opened_version"] if change else obj.version
        services.article_save(article=obj, expected_version=opened, user=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if not change:
            self._credit_author(request.user, article)
        correction = {
            language: form.cleaned_data.get(f"correction_{language}", "").strip()
            for language in ("en", "zh_hans")
        }
        if any(correction.values()):
            services.article_correct(
                article=article,
                user=request.user,
                note_en=correction["en"],
                note_zh_hans=correction["zh_hans"],
            )
        services.article_record_revision(article=article, user=request.user)

    def _credit_author(self, user, article):
        """Fill in the byline of a reporter who has a staff profile."""
        member = getattr(user, "staff_member", None)
        if member is None:
            return
        ArticleCredit.objects.get_or_create(
            article=article,
            role=CreditRole.objects.get(code=REPORTER),
            member=member,
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is not Block:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        kept = [
            subform
            for subform in formset.forms
            if subform.cleaned_data
            and subform not in formset.deleted_forms
            and not subform.is_blank()
        ]
        kept.sort(
            key=lambda subform: subform.cleaned_data.get(
                "position", subform.instance.position
            )
        )
        services.article_set_blocks(
            article=form.instance, blocks=[subform.instance for subform in kept]
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None:
            extra_context = {
                **(extra_context or {}),
                **self._workflow_context(request, article),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def _workflow_context(self, request, article):
        events = list(article.events.select_related("actor")[:50])
        signoffs = sign_offs(article)
        gaps = [signoff.gap for signoff in signoffs.values() if signoff.gap]
        report = checking.article_report(article)
        return {
            "article": article,
            "check_errors": sum(len(pair.errors) for pair in report),
            "check_warnings": sum(
                1 for pair in report for f in pair.findings if f.severity == "warning"
            ),
            "stale_pairs": sum(
                1
                for pair in report
                if "changed" in dict(pair_check_states(pair.block)).values()
            ),
            "counts": checking.article_counts(article),
            "transitions": available_transitions(request.user, article),
            "events": events,
            "signoffs": signoffs,
            "proofreading_gaps": gaps,
            "can_override_proofreading": request.user.has_perm(
                "articles.publish_article"
            ),
            "zone_label": timezones.zone_label(),
            # A refused publish gives back the time that was typed (transition_view).
            "typed_publish_at": request.GET.get("publish_at", "")[:16],
            "can_proofread": request.user.has_perm("articles.proofread_article")
            and article.status == Article.Status.IN_REVIEW,
            "can_lock": can_edit(request.user, article) and not article.locked_by_id,
            "can_unlock": article.locked_by_id
            and (
                article.locked_by_id == request.user.pk
                or request.user.has_perm("articles.break_article_lock")
            ),
            "can_restore": request.user.has_perm("articles.restore_article"),
            "can_share": request.user.has_perm("articles.share_article_preview"),
        }

    def _article_or_404(self, request, pk):
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _back(self, article):
        return redirect(reverse("admin:articles_article_change", args=[article.pk]))

    def _attempt(self, request, action, success):
        """Run a service; a refusal becomes a message, a forbidden move a 403."""
        try:
            action()
        except services.TransitionRefused as refusal:
            for message in refusal.messages:
                self.message_user(request, message, messages.ERROR)
        else:
            self.message_user(request, success, messages.SUCCESS)

    @staticmethod
    def _seen_version(request) -> int:
        """Return the article version the person saw when the page was drawn.

        The workflow forms carry it, so that a move or a sign-off applies to what
        they saw; a post without it (an old page, a hand-made request) is refused
        rather than applied to whatever is current.
        """
        version = request.POST.get("version", "")
        if not version.isdigit():
            raise services.TransitionRefused(
                _(
                    "The form did not say which version of the article you saw, so "
                    "nothing was done. Reload the article and try again."
                )
            )
        return int(version)

    def transition_view(self, request, pk, name):
        """Move the article along the workflow (POST only; GET changes nothing).

        The message says what happened, when (on the newsroom's clock) and links
        to where the article can be read now; a refusal keeps the typed time.
        """
        if request.method != "POST":
            return self._back(self._article_or_404(request, pk))
        article = self._article_or_404(request, pk)
        if name not in TRANSITIONS:
            raise PermissionDenied
        typed = request.POST.get("publish_at", "").strip()
        try:
            moved = services.article_transition(
                article=article,
                user=request.user,
                name=name,
                comment=request.POST.get("comment", ""),
                publish_at=self._publish_at(typed),
                expected_version=self._seen_version(request),
                override_reason=request.POST.get("override_reason", ""),
            )
        except services.TransitionRefused as refusal:
            for message in refusal.messages:
                self.message_user(request, message, messages.ERROR)
            back = self._back(article)
            if typed:
                back["Location"] += "?" + urlencode({"publish_at": typed})
            return back
        self.message_user(request, self._outcome(moved, name), messages.SUCCESS)
        return self._back(article)

    @staticmethod
    def _publish_at(typed: str):
        """Read the publish-at field, a time on the newsroom's clock; empty: now."""
        if not typed:
            return None
        try:
            moment = parse_datetime(typed)
        except ValueError:
            moment = None
        if moment is None:
            raise services.TransitionRefused(
                _("“%(typed)s” is not a date and time, so nothing was done.")
                % {"typed": typed}
            )
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, timezone.get_default_timezone())
        return moment

    @staticmethod
    def _outcome(article, name):
        """Say what a move did, and link to where the article can be read now."""
        preview_url = reverse("admin:articles_article_preview", args=[article.pk])
        if name == "publish" and not article.is_scheduled:
            return format_html(
                '{} <a href="{}">{}</a>',
                _("Published: readers can see it now."),
                article.get_absolute_url(),
                _("View it"),
            )
        if name == "publish":
            done = _("Scheduled for %(when)s: not public until then.") % {
                "when": timezones.newsroom_time(article.publish_at)
            }
        else:
            event = article.events.filter(action=name).first()
            done = {
                "submit": _("Submitted for review."),
                "approve": _("Approved: ready to publish or schedule."),
                "request_changes": _("Changes requested: it is back with its author."),
                "unpublish": _("Unpublished: readers no longer see it."),
            }[name]
            if event and event.override_reason:
                done = format_html(
                    "{} {}", done, _("Your reason is kept in the history.")
                )
        return format_html('{} <a href="{}">{}</a>', done, preview_url, _("Preview it"))

    def proofread_view(self, request, pk, lang):
        article = self._article_or_404(request, pk)
        if request.method == "POST":
            self._attempt(
                request,
                lambda: services.article_proofread(
                    article=article,
                    user=request.user,
                    language=lang,
                    expected_version=self._seen_version(request),
                ),
                _("%(language)s signed off as proofread (version %(version)d).")
                % {
                    "language": LANGUAGE_NAMES.get(lang, lang),
                    "version": article.version,
                },
            )
        return self._back(article)

    def lock_view(self, request, pk):
        article = self._article_or_404(request, pk)
        if request.method == "POST":
            if request.POST.get("action") == "unlock":
                action, done = services.article_unlock, _("Unlocked.")
            else:
                action, done = services.article_lock, _("Locked for you.")
            self._attempt(
                request, lambda: action(article=article, user=request.user), done
            )
        return self._back(article)

    def revisions_view(self, request, pk):
        """List revisions; compare two of them pair by pair."""
        article = self._article_or_404(request, pk)
        versions = list(revisions.article_versions(article))
        chosen = {v.pk: v for v in versions}
        old_id, new_id = request.GET.get("a", ""), request.GET.get("b", "")
        comparison = None
        if old_id.isdigit() and new_id.isdigit():
            if int(old_id) not in chosen or int(new_id) not in chosen:
                raise PermissionDenied
            comparison = revisions.compare(
                revisions.snapshot(chosen[int(old_id)]),
                revisions.snapshot(chosen[int(new_id)]),
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("Revisions of “%(article)s”") % {"article": article},
            "versions": versions,
            "comparison": comparison,
            "old_id": old_id,
            "new_id": new_id,
            "can_restore": request.user.has_perm("articles.restore_article"),
        }
        return TemplateResponse(
            request, "admin/articles/article/revisions.html", context
        )

    def restore_view(self, request, pk, version_id):
        article = self._article_or_404(request, pk)
        if request.method != "POST":
            return redirect(reverse("admin:articles_article_revisions", args=[pk]))
        self._attempt(
            request,
            lambda: services.article_restore(
                article=article, user=request.user, version_id=version_id
            ),
            _("The revision was restored as a new revision."),
        )
        return self._back(article)
