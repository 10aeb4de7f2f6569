"""The admin's "Import from text" flow: paste or upload, review the pairs, create."""

from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..forms import (
    ImportForm,
    ImportPairFormSet,
    ImportTitleForm,
)
from ..importing import proposal
from ..importing.builder import AlreadyImported, ImportRefused, article_import


class ImportViews:
    """The import pages of the article admin (a mixin of ArticleAdmin)."""

    def _imported(self, request, result):
        for warning in result.warnings:
            self.message_user(request, warning, messages.WARNING)
        self.message_user(
            request,
            _("Draft created with %(count)d pairs.")
            % {"count": result.article.blocks.count()},
            messages.SUCCESS,
        )
        return redirect(
            reverse("admin:articles_article_change", args=[result.article.pk])
        )

    def import_view(self, request):
        """Paste or upload a desk's text, fix the proposed pairs, then create a draft.

        The proposal travels in the form: each edit button posts every pair back
        and gets the edited proposal, so nothing is kept on the server.
        """
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        context = {"form": form, "parsed": None}
        if request.method == "POST" and form.is_valid():
            proposed = self._import_proposal(request, form)
            if "create" in request.POST and proposed["parsed"] is not None:
                try:
                    result = article_import(
                        parsed=proposed["parsed"],
                        publication=form.cleaned_data["publication"],
                        created_by=request.user,
                        source_text=form.cleaned_data["decoded_text"],
                        source_name=form.cleaned_data["source_name"],
                    )
                except ImportRefused as error:
                    form.add_error(None, error)
                    if isinstance(error, AlreadyImported):
                        context["already"] = error.article
                else:
                    return self._imported(request, result)
            if form.cleaned_data["file"]:
                # A browser never sends a file twice: show its text in the box, so
                # "Create draft" after the preview imports exactly what was previewed.
                form = ImportForm(
                    initial={
                        "text": form.cleaned_data["decoded_text"],
                        "publication": form.cleaned_data["publication"],
                        "source_name": form.cleaned_data["source_name"],
                    }
                )
            context.update(proposed, form=form)
        context.update(
            self.admin_site.each_context(request),
            opts=self.opts,
            title=_("Import an article from text"),
        )
        return TemplateResponse(request, "admin/articles/article/import.html", context)

    def _import_proposal(self, request, form):
        """Return the pairs to show: the parser's, or the posted ones after an edit.

        `parsed` is None while the posted pairs have errors to fix.
        """
        parsed = form.parsed
        editing = (
            "pair-TOTAL_FORMS" in request.POST
            and "preview" not in request.POST
            and not form.cleaned_data["file"]
        )
        if editing:
            pairs = ImportPairFormSet(request.POST, prefix="pair")
            titles = ImportTitleForm(request.POST)
        else:
            pairs = ImportPairFormSet(prefix="pair", initial=proposal.rows_of(parsed))
            titles = ImportTitleForm(
                initial={
                    "title_en": parsed.title["en"],
                    "title_zh_hans": parsed.title["zh-hans"],
                }
            )
        if editing and pairs.is_valid() and titles.is_valid():
            rows = [pair_form.cleaned_data for pair_form in pairs.forms]
            action, _colon, index = request.POST.get("edit", "").partition(":")
            if action:
                rows = proposal.edit(
                    rows, action, int(index) if index.isdigit() else -1
                )
                pairs = ImportPairFormSet(prefix="pair", initial=rows)
            parsed = proposal.with_rows(parsed, rows)
            parsed = replace(
                parsed,
                title={
                    "en": titles.cleaned_data["title_en"].strip(),
                    "zh-hans": titles.cleaned_data["title_zh_hans"].strip(),
                },
            )
        elif editing:
            parsed = None
        shown = form.parsed if parsed is None else parsed
        rows = []
        placed = set()
        for pair_form in pairs.forms:
            values = pair_form.cleaned_data if pair_form.is_bound else pair_form.initial
            lines = [values.get("line_en"), values.get("line_zh_hans")]
            placed.update(lines)
            findings = [
                finding
                for finding in shown.findings_at(line for line in lines if line)
                if finding.is_warning or finding.kind != "paired"
            ]
            rows.append(
                {
                    "form": pair_form,
                    "values": values,
                    "findings": findings,
                    "has_warning": any(finding.is_warning for finding in findings),
                }
            )
        return {
            "parsed": parsed,
            "shown": shown,
            "pairs": pairs,
            "titles": titles,
            "rows": rows,
            "general_findings": [f for f in shown.findings if f.line not in placed],
            "editing": request.POST.get("edit", ""),
        }
