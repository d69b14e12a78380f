// A "copy the link" link: without JavaScript it is the page's own address, to long-press and copy;
// with it, a tap copies the address and says so. Nothing is sent anywhere.
for (const link of document.querySelectorAll("a.copy-link")) {
  link.addEventListener("click", async (event) => {
    if (!navigator.clipboard) return;
    event.preventDefault();
    try {
      await navigator.clipboard.writeText(link.href);
      link.textContent = link.dataset.copied;
    } catch {
      location.href = link.href;
    }
  });
}
