"""The pair editor's widget: django-ckeditor-5's, loading our own CKEditor build.

django-ckeditor-5 ships a CKEditor bundle that trails CKEditor's security releases.
The project builds a current one from the npm registry (editor/, README.md's
"Editor bundle") into static/ckeditor5/; this widget keeps the package's markup and
configuration (settings.CKEDITOR_5_CONFIGS) and swaps only the files the page loads.
"""

from django_ckeditor_5.widgets import CKEditor5Widget


class PairEditorWidget(CKEditor5Widget):
    """A CKEditor 5 field whose script and styles are the project's editor build."""

    class Media:
        # Replace the package's bundle and stylesheet rather than adding to them:
        # two CKEditor builds on one page refuse to start ("duplicated modules").
        extend = False
        css = {"all": ["ckeditor5/editor.css"]}
        js = ["ckeditor5/editor.js"]
