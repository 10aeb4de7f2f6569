"""The admin's widgets: the pair editor, and the photo chooser.

The pair editor's widget is django-ckeditor-5's, loading our own CKEditor build.

django-ckeditor-5 ships a CKEditor bundle that trails CKEditor's security releases.
The project builds a current one from the npm registry (editor/, README.md's
"Editor bundle") into static/ckeditor5/; this widget keeps the package's markup and
configuration (settings.CKEDITOR_5_CONFIGS) and swaps only the files the page loads.
"""

from django.contrib.admin.widgets import AutocompleteSelect
from django.urls import reverse
from django_ckeditor_5.widgets import CKEditor5Widget

from .media.images import photo_thumbnail_url


class PairEditorWidget(CKEditor5Widget):
    """A CKEditor 5 field whose script and styles are the project's editor build."""

    class Media:
        # Replace the package's bundle and stylesheet rather than adding to them:
        # two CKEditor builds on one page refuse to start ("duplicated modules").
        extend = False
        css = {"all": ["ckeditor5/editor.css"]}
        js = ["ckeditor5/editor.js"]


class PhotoChooserWidget(AutocompleteSelect):
    """Choose a photo by looking at it: Django's autocomplete, with thumbnails.

    The search still matches captions and alt text (PhotoAdmin.search_fields);
    each result, and the photo chosen, shows its smallest rendition
    (static/js/admin-photos.js). Select2 keeps the keyboard: type to search,
    arrows to move, Enter to choose.
    """

    chooser_class = "photo-chooser"

    class Media:
        css = {"all": ["css/admin-photos.css"]}
        js = ["js/admin-photos.js"]

    def get_url(self):
        # PhotoAdmin's search, whose results carry their thumbnails.
        return reverse("admin:articles_photo_autocomplete")

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        # Not "admin-autocomplete": admin-photos.js starts these with thumbnails.
        classes = attrs["class"].split()
        attrs["class"] = " ".join(
            self.chooser_class if name == "admin-autocomplete" else name
            for name in classes
        )
        return attrs

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        options = [option for _, group, _ in groups for option in group]
        chosen = {str(option["value"]) for option in options if option["value"]}
        photos = self.choices.queryset.using(self.db).in_bulk(chosen)
        for option in options:
            photo = photos.get(int(option["value"])) if option["value"] else None
            if photo is not None:
                option["attrs"]["data-thumbnail"] = photo_thumbnail_url(photo)
        return groups
