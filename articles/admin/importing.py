"""The admin's "Import from text" flow: paste or upload, review the pairs, create."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..forms import (
    ImportCreditFormSet,
    ImportForm,
    ImportPairFormSet,
    ImportTitleForm,
)
from ..importing import credits, proposal
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
                        consent=proposed["consent"],
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
        """Return the pairs and credits to show: the parser's, or the posted ones.

        `parsed` is None while the posted pairs or credits have errors to fix.
        Nothing is written: the credits' new roles and people are only offered.
        """
        parsed = form.parsed
        editing = (
            "pair-TOTAL_FORMS" in request.POST
            and "preview" not in request.POST
            and not form.cleaned_data["file"]
        )
        consent = None
        if editing:
            pairs = ImportPairFormSet(request.POST, prefix="pair")
            credit_forms = ImportCreditFormSet(request.POST, prefix="credit")
            titles = ImportTitleForm(request.POST)
        else:
            pairs = ImportPairFormSet(prefix="pair", initial=proposal.rows_of(parsed))
            credit_rows = credits.rows_of(parsed)
            credit_forms = ImportCreditFormSet(prefix="credit", initial=credit_rows)
            consent = credits.consent_of(credit_rows).allowed_for(request.user)
            titles = ImportTitleForm(
                initial={
                    "title_en": parsed.title["en"],
                    "title_zh_hans": parsed.title["zh-hans"],
                }
            )
        if editing and all(f.is_valid() for f in (pairs, credit_forms, titles)):
            pairs, credit_rows, parsed = self._edited(
                request, parsed, pairs, credit_forms, titles
            )
            credit_forms = ImportCreditFormSet(prefix="credit", initial=credit_rows)
            consent = credits.consent_of(credit_rows).allowed_for(request.user)
        elif editing:
            parsed = None
        shown = form.parsed if parsed is None else parsed
        rows = self._pair_rows(pairs, shown)
        credit_rows = self._credit_rows(credit_forms, shown)
        placed = {line for row in rows + credit_rows for line in row["lines"]}
        return {
            "parsed": parsed,
            "shown": shown,
            "pairs": pairs,
            "credits": credit_forms,
            "consent": consent,
            "may_add_roles": request.user.has_perm("staffcredits.add_creditrole"),
            "may_add_people": request.user.has_perm("staffcredits.add_staffmember"),
            "titles": titles,
            "rows": rows,
            "credit_rows": credit_rows,
            "general_findings": [f for f in shown.findings if f.line not in placed],
            "editing": request.POST.get("edit", ""),
        }

    def _edited(self, request, parsed, pairs, credit_forms, titles):
        """Apply the posted edit; return the pairs, credit rows and article edited."""
        rows = [pair_form.cleaned_data for pair_form in pairs.forms]
        credit_rows = [credit_form.cleaned_data for credit_form in credit_forms.forms]
        action, _colon, index = request.POST.get("edit", "").partition(":")
        number = int(index) if index.isdigit() else -1
        if action == "credit-remove":
            credit_rows = credits.remove(credit_rows, number)
        elif action:
            rows = proposal.edit(rows, action, number)
            pairs = ImportPairFormSet(prefix="pair", initial=rows)
        credit_rows = credits.settle(credit_rows)
        parsed = credits.with_credits(proposal.with_rows(parsed, rows), credit_rows)
        parsed = proposal.with_title(
            parsed,
            {
                "en": titles.cleaned_data["title_en"].strip(),
                "zh-hans": titles.cleaned_data["title_zh_hans"].strip(),
            },
        )
        return pairs, credit_rows, parsed

    def _pair_rows(self, pairs, shown):
        """Return each pair's form with the findings about its lines."""
        rows = []
        for pair_form in pairs.forms:
            values = pair_form.cleaned_data if pair_form.is_bound else pair_form.initial
            lines = [
                line
                for line in (values.get("line_en"), values.get("line_zh_hans"))
                if line
            ]
            findings = [
                finding
                for finding in shown.findings_at(lines)
                if finding.is_warning or finding.kind != "paired"
            ]
            rows.append(
                {
                    "form": pair_form,
                    "values": values,
                    "lines": lines,
                    "findings": findings,
                    "has_warning": any(finding.is_warning for finding in findings),
                }
            )
        return rows

    def _credit_rows(self, credit_forms, shown):
        """Return each credit's form, what it would add, and the findings on its line.

        A posted credit with errors is shown as it was typed, with nothing to add.
        """
        rows = []
        for credit_form in credit_forms.forms:
            if credit_form.is_bound and credit_form.errors:
                found, line = None, None
            else:
                row = (
                    credit_form.cleaned_data
                    if credit_form.is_bound
                    else credit_form.initial
                )
                found, line = credits.review(credits.credit_of(row)), row["line"]
            lines = [line] if line else []
            rows.append(
                {
                    "form": credit_form,
                    "review": found,
                    "lines": lines,
                    "findings": shown.findings_at(lines),
                }
            )
        return rows
