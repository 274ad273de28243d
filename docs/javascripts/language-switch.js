// The language switcher under instant navigation.
// Instant navigation swaps pages without reloading the header, so the switcher's links,
// written for the first page loaded, are pointed at the current page after every
// navigation. They also get target="_self", which makes the theme leave them to the
// browser: a change of language is a full load, with that language's header and search.
document$.subscribe(function () {
  var scope = new URL(__md_scope.href);
  var here = new URL(location.href);
  var path = here.pathname.slice(scope.pathname.length).replace(/^ko\//, "");
  document.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
    var prefix = link.hreflang === "ko" ? "ko/" : "";
    link.href = new URL(prefix + path + here.hash, scope).href;
    link.target = "_self";
  });
});
