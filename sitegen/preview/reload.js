// The live preview's reload, served by `build.py serve` and never published (see reloads.py).
// A file from the page's own origin, so the published Content-Security-Policy allows it unchanged:
// it waits for the build after the one this page came from, then reloads the page.
"use strict";
(() => {
  const since = document.currentScript.dataset.epoch;
  let asking = null; // the open question, while one is

  const pause = (ms) => new Promise((resume) => setTimeout(resume, ms));

  async function wait() {
    if (asking) return;
    while (!document.hidden) {
      asking = new AbortController();
      let epoch = null;
      try {
        const reply = await fetch(`/__preview/epoch?since=${since}`, { cache: "no-store", signal: asking.signal });
        epoch = reply.ok ? (await reply.text()).trim() : null;
      } catch {
        // the preview is restarting (ask again in a moment), or the tab was hidden (stop)
      }
      if (epoch !== null && epoch !== since) {
        location.reload();
        return;
      }
      if (epoch === null && !document.hidden) await pause(1000);
    }
    asking = null;
  }

  // A hidden tab keeps no question open: a browser opens only six connections to one host, and
  // each open tab of the preview would hold one. Shown again, the tab asks at once.
  document.addEventListener("visibilitychange", () => {
    if (document.hidden) asking?.abort();
    else wait();
  });
  wait();
})();
