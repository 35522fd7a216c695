// The preview webview: shows each report the extension posts without reloading the page, so the
// scroll position stays; a click on a Gantt bar asks the extension to reveal that task.
//
// The page follows typing, so an update must cost little: the new report is merged into the shown one
// (`morph`), leaving alone every element whose content is the same. Typing in a title changes a few
// nodes of a page of thousands (the Gantt chart, the dependency graph…); replacing the whole page made
// the webview style and lay out everything again on every keystroke, on the thread that also draws the
// workbench in a browser (code-server).
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById("report"));
  const style = /** @type {HTMLStyleElement} */ (document.getElementById("report-style"));
  let first = true;

  window.addEventListener("message", (event) => {
    const message = event.data;
    if (!message || message.type !== "update" || typeof message.html !== "string") {
      return;
    }
    const page = new DOMParser().parseFromString(message.html, "text/html");
    const css = Array.from(page.querySelectorAll("style"), (s) => s.textContent).join("\n");
    if (style.textContent !== css) {
      style.textContent = css;
    }
    morph(root, page.body);
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

  /**
   * Makes the children of `into` (shown) like those of `from` (parsed, another document). The
   * children that match from either end (same kind of node, same id) are kept and updated in place;
   * those between are replaced. A report's sections keep their order, so an edit that adds or drops
   * one (the problems appear) still keeps the others.
   * @param {Node} into
   * @param {Node} from
   */
  function morph(into, from) {
    const old = Array.from(into.childNodes);
    const fresh = Array.from(from.childNodes);
    let start = 0;
    while (start < old.length && start < fresh.length && matches(old[start], fresh[start])) {
      update(old[start], fresh[start]);
      start++;
    }
    let oldEnd = old.length;
    let freshEnd = fresh.length;
    while (oldEnd > start && freshEnd > start && matches(old[oldEnd - 1], fresh[freshEnd - 1])) {
      update(old[--oldEnd], fresh[--freshEnd]);
    }
    const next = old[oldEnd] ?? null;
    for (let i = start; i < oldEnd; i++) {
      old[i].remove();
    }
    for (let i = start; i < freshEnd; i++) {
      // Adopted from the parsed document as it is inserted.
      into.insertBefore(fresh[i], next);
    }
  }

  /**
   * Whether a shown node and a parsed one stand for the same thing: same kind of node and, for an
   * element, same name, namespace and id.
   * @param {Node} a
   * @param {Node} b
   */
  function matches(a, b) {
    return a.nodeName === b.nodeName && key(a) === key(b);
  }

  /** @param {Node} node */
  function key(node) {
    return node instanceof Element ? `${node.namespaceURI}#${node.id}` : node.nodeType;
  }

  /**
   * Brings `node` to what `fresh` is; nothing to do when they are equal (a native comparison of the
   * two subtrees, far cheaper than the style and layout a replaced subtree costs).
   * @param {Node} node
   * @param {Node} fresh
   */
  function update(node, fresh) {
    if (node.isEqualNode(fresh)) {
      return;
    }
    if (node instanceof Element && fresh instanceof Element) {
      for (const a of Array.from(node.attributes)) {
        if (!fresh.hasAttributeNS(a.namespaceURI, a.localName)) {
          node.removeAttributeNS(a.namespaceURI, a.localName);
        }
      }
      for (const a of Array.from(fresh.attributes)) {
        if (node.getAttributeNS(a.namespaceURI, a.localName) !== a.value) {
          node.setAttributeNS(a.namespaceURI, a.name, a.value);
        }
      }
      morph(node, fresh);
    } else {
      node.nodeValue = fresh.nodeValue;
    }
  }

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
