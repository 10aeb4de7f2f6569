// Reading an article: keep the reader's place across reading modes and remember
// whether they prefer stacked pairs. Everything here is an enhancement; the mode
// links and the layout checkbox work without it.
(function () {
  "use strict";

  var STACKED_KEY = "newsroom:stacked";
  var pairs = Array.prototype.slice.call(document.querySelectorAll(".pair[id]"));
  var modeLinks = Array.prototype.slice.call(
    document.querySelectorAll(".reading-modes a")
  );

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null; // Private browsing or storage disabled: nothing is remembered.
    }
  }

  // The pair the reader is at: the first one still showing below the top of
  // the window; none while the reader is above the first pair.
  function currentPair() {
    var line = Math.min(80, window.innerHeight / 10);
    if (!pairs.length || pairs[0].getBoundingClientRect().top > window.innerHeight / 2) {
      return null;
    }
    for (var i = 0; i < pairs.length; i++) {
      if (pairs[i].getBoundingClientRect().bottom > line) return pairs[i];
    }
    return null;
  }

  // The mode links carry ?pair=N; the server sends the reader to #pair-N.
  function pointModeLinksAt(pair) {
    modeLinks.forEach(function (link) {
      var url = new URL(link.href);
      if (pair) {
        url.searchParams.set("pair", pair.id.replace("pair-", ""));
      } else {
        url.searchParams.delete("pair");
      }
      link.href = url.toString();
    });
  }

  if (pairs.length && modeLinks.length) {
    var scheduled = false;
    window.addEventListener(
      "scroll",
      function () {
        if (scheduled) return;
        scheduled = true;
        window.requestAnimationFrame(function () {
          scheduled = false;
          pointModeLinksAt(currentPair());
        });
      },
      { passive: true }
    );
    // Also right before leaving, in case the page was never scrolled (a #pair-N
    // link landed the reader mid-article).
    modeLinks.forEach(function (link) {
      link.addEventListener("click", function () {
        pointModeLinksAt(currentPair());
      });
    });
  }

  // Each text pair's permalink (¶), labelled in the page's language from the
  // pairs' data-link-label ("Link to pair %(number)s"). Without the script the
  // pair's id still makes #pair-N work; the link is there to copy or share it.
  var body = document.querySelector(".pairs[data-link-label]");
  if (body) {
    pairs.forEach(function (pair) {
      if (pair.parentNode !== body || pair.classList.contains("pair--photo")) {
        return;
      }
      var number = pair.id.replace("pair-", "");
      var link = document.createElement("a");
      link.href = "#" + pair.id;
      link.setAttribute(
        "aria-label",
        body.dataset.linkLabel.replace("%(number)s", number)
      );
      link.textContent = "\u00b6";
      pair.appendChild(link);
    });
  }

  var toggle = document.getElementById("stack-pairs");
  var store = storage();
  if (toggle && store) {
    toggle.checked = store.getItem(STACKED_KEY) === "1";
    toggle.addEventListener("change", function () {
      var pair = currentPair();
      store.setItem(STACKED_KEY, toggle.checked ? "1" : "0");
      // The layout change moves every pair; bring the one being read back.
      if (pair) pair.scrollIntoView();
    });
  }
})();
