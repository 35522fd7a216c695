// Served with the preview page: each server-sent event is a new report; it replaces the page's
// content in place, so the scroll position stays.
(function () {
  const source = new EventSource("/events");
  source.onmessage = (event) => {
    const page = new DOMParser().parseFromString(event.data, "text/html");
    const style = document.querySelector("head style");
    const next = page.querySelector("head style");
    if (style && next) {
      style.textContent = next.textContent;
    }
    const script = document.getElementById("prog-live");
    document.body.replaceChildren(...Array.from(page.body.childNodes));
    if (script) {
      document.body.append(script);
    }
    document.title = page.title;
  };
})();
