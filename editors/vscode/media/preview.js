// The preview webview: shows each report the extension posts without reloading the page, so the
// scroll position stays; a click on a Gantt bar asks the extension to reveal that task.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const root = document.getElementById("report");
  const style = document.getElementById("report-style");
  let first = true;

  window.addEventListener("message", (event) => {
    const message = event.data;
    if (!message || message.type !== "update" || typeof message.html !== "string") {
      return;
    }
    const page = new DOMParser().parseFromString(message.html, "text/html");
    style.textContent = Array.from(page.querySelectorAll("style"), (s) => s.textContent).join("\n");
    root.replaceChildren(...Array.from(page.body.childNodes));
    document.documentElement.dataset.version = String(message.version);
    document.documentElement.dataset.updated = String(Date.now());
    if (first) {
      first = false;
      const saved = vscode.getState();
      if (saved) {
        window.scrollTo(saved.x, saved.y);
      }
    }
  });

  window.addEventListener("scroll", () => vscode.setState({ x: window.scrollX, y: window.scrollY }), {
    passive: true,
  });

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const bar = target?.closest("svg.gantt g.task, svg.gantt g.milestone, svg.gantt g.group");
    const title = bar?.querySelector(":scope > title")?.textContent;
    if (title) {
      vscode.postMessage({ type: "reveal", title });
    }
  });

  vscode.postMessage({ type: "ready" });
})();
