"use strict";
// Search and filter the claims on the page: words, speaker, outlet, flag. The state lives in
// the address's fragment (#q=military+sphere&outlet=14ymedio), so a search can be bookmarked,
// mailed, or opened straight from a speaker's link. Nothing is fetched: the claims' data is
// the JSON in #claims-data, read as text.
(function () {
  const form = document.getElementById("filter");
  const blob = document.getElementById("claims-data");
  if (!form || !blob) return;
  const fields = ["q", "speaker", "outlet", "flag"];
  const fold = (text) => text.normalize("NFKC").toLowerCase();
  const claims = JSON.parse(blob.textContent).map((c) => ({
    element: document.getElementById("claim-" + c.id),
    speakers: c.speakers.map(fold),
    outlets: c.outlets,
    flags: c.flags,
    words: fold(c.words + " " + c.speakers.join(" ")),
  }));
  const shown = document.getElementById("shown");
  const noMatch = document.getElementById("no-match");

  function matches(claim, want) {
    const terms = fold(want.q).split(/\s+/).filter(Boolean);
    const speaker = fold(want.speaker.trim());
    return terms.every((t) => claim.words.includes(t))
      && (!speaker || claim.speakers.some((s) => s.includes(speaker)))
      && (!want.outlet || claim.outlets.includes(want.outlet))
      && (!want.flag || claim.flags.includes(want.flag));
  }

  function apply(want) {
    let count = 0;
    for (const claim of claims) {
      const ok = matches(claim, want);
      if (claim.element) claim.element.hidden = !ok;
      if (ok) count += 1;
    }
    shown.textContent = String(count);
    noMatch.hidden = count > 0;
  }

  function fromForm() {
    const want = {};
    for (const f of fields) want[f] = form.elements[f].value;
    return want;
  }

  function show(want) {
    for (const f of fields) form.elements[f].value = want[f];
    apply(want);
  }

  function fromAddress() {
    const fragment = location.hash.slice(1);
    if (!fragment.includes("=")) return null; // #claim-12 and the like: a place on the page
    const params = new URLSearchParams(fragment);
    const want = {};
    for (const f of fields) want[f] = params.get(f) || "";
    return want;
  }

  function followAddress(clicked) {
    const want = fromAddress();
    if (want) {
      show(want);
      if (clicked) document.getElementById("claims").scrollIntoView(); // a speaker's link: to the claims
      return;
    }
    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.hidden) { // a claim the search hides: show everything, then go there
      show({ q: "", speaker: "", outlet: "", flag: "" });
      target.scrollIntoView();
    }
  }

  function remember(want) {
    const params = new URLSearchParams();
    for (const f of fields) if (want[f]) params.set(f, want[f]);
    const fragment = params.toString();
    history.replaceState(null, "", fragment ? "#" + fragment : location.pathname + location.search);
  }

  form.addEventListener("input", () => { const want = fromForm(); apply(want); remember(want); });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => setTimeout(() => { const want = fromForm(); apply(want); remember(want); }));
  window.addEventListener("hashchange", () => followAddress(true));
  form.hidden = false;
  followAddress(false);
})();
