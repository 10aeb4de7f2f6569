"use strict";
// The photo chooser (articles/widgets.py PhotoChooserWidget): Django's autocomplete
// (select2, from the admin's own files) whose results and choice show a thumbnail.
// Started once every script has loaded: the admin orders its files by dependency,
// which may put this one before jQuery.
{
  function withThumbnail(item) {
    const url = item.thumbnail || (item.element && item.element.dataset.thumbnail);
    if (item.loading || !url) {
      return item.text;
    }
    const row = document.createElement("span");
    row.className = "photo-chooser__option";
    const image = document.createElement("img");
    image.className = "photo-chooser__thumb";
    image.src = url;
    image.alt = "";
    const text = document.createElement("span");
    text.textContent = item.text;
    row.append(image, text);
    return row;
  }

  function start(elements) {
    const $ = django.jQuery;
    $(elements).each((_, element) => {
      $(element).select2({
        templateResult: withThumbnail,
        templateSelection: withThumbnail,
        // Results as wide as their captions, even from a pair's narrow column.
        dropdownAutoWidth: true,
        ajax: {
          data: (params) => ({
            term: params.term,
            page: params.page,
            app_label: element.dataset.appLabel,
            model_name: element.dataset.modelName,
            field_name: element.dataset.fieldName,
          }),
        },
      });
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    start(document.querySelectorAll(".photo-chooser:not([name*=__prefix__])"));
  });
  document.addEventListener("formset:added", (event) => {
    start(event.target.querySelectorAll(".photo-chooser"));
  });
}
