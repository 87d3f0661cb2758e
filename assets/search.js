// The search page: Pagefind's interface over every shard of the index (listed in
// pagefind/shards.json, merged in the browser), started with the words of ?q=
// (the search box in every page's header sends them). Paths are worked out from
// this script's own address, so that search works wherever the site is served.
(function () {
  var script = document.currentScript;
  var root = new URL("../", script.src).pathname;
  // (asked of the server each time: a cached list could name shards that are gone)
  var shards = fetch(root + "pagefind/shards.json", { cache: "no-cache" }).then(function (response) {
    return response.ok ? response.json() : [];
  }).catch(function () {
    return [];
  });
  window.addEventListener("DOMContentLoaded", function () {
    shards.then(start);
  });

  function start(names) {
    if (!names.length || typeof PagefindUI === "undefined") {
      var notice = document.createElement("p");
      notice.className = "notice";
      notice.textContent = "There is nothing to search yet: the site has no meetings, " +
        "or was built without its search index.";
      document.getElementById("search").appendChild(notice);
      return;
    }
    var bundle = function (name) {
      return root + "pagefind/" + name + "/";
    };
    var search = new PagefindUI({
      element: "#search",
      bundlePath: bundle(names[0]),
      mergeIndex: names.slice(1).map(function (name) {
        return { bundlePath: bundle(name), baseUrl: root };
      }),
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
  }
})();
