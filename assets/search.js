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
    // Pagefind's input is named by the label the page shows above it
    var input = document.querySelector("#search input");
    if (input) {
      input.setAttribute("aria-labelledby", "search-label");
    }
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      var header = document.getElementById("search-query");
      if (header) {
        header.value = query;  // the words stay where they were typed
      }
      search.triggerSearch(query);
    }
  });
})();
