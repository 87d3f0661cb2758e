// The search page: Pagefind's interface, started with the words of ?q= (the
// search box in every page's header sends them). Paths are worked out from this
// script's own address, so that search works wherever the site is served.
(function () {
  var script = document.currentScript;
  window.addEventListener("DOMContentLoaded", function () {
    var root = new URL("../", script.src).pathname;
    var search = new PagefindUI({
      element: "#search",
      bundlePath: root + "pagefind/",
      baseUrl: root,
      showImages: false,
      showSubResults: false,
      resetStyles: false
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      search.triggerSearch(query);
    }
  });
})();
