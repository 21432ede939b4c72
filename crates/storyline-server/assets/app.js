// storyline: the page's one script, embedded in the binary. Hovering a citation [n] highlights
// that article wherever the page lists it (sources, other citations).
document.addEventListener("mouseover", (e) => {
  const cite = e.target.closest && e.target.closest("[data-article]");
  document.querySelectorAll(".highlight").forEach((el) => el.classList.remove("highlight"));
  if (!cite) return;
  document
    .querySelectorAll(`[data-article="${CSS.escape(cite.dataset.article)}"]`)
    .forEach((el) => el.classList.add("highlight"));
});
