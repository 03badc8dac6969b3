// On phones the sections scroll sideways in one row of the header. Chromium
// does not scroll a half-visible link into view when it takes the focus, so
// a keyboard user would tab onto a link cut by the edge of the screen.
document.querySelector(".site-nav")?.addEventListener("focusin", (event) => {
  event.target.scrollIntoView({ block: "nearest", inline: "nearest" });
});
