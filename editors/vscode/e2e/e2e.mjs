// The extension inside a real VS Code workbench (code-server), driven through headless Chromium:
//   node e2e/e2e.mjs URL WORKSPACE USER_DATA_DIR SCREENSHOT_DIR PREVIEW_URL PREVIEW_PLAN
// .ci/vscode-e2e.sh starts code-server with the packaged extension installed, and `prog preview` on
// PREVIEW_PLAN (the page Neovim's :ProgPreview opens), and runs this. Each check
// prints a line; the first failure throws (exit status 1) after a screenshot of the workbench.
import assert from "node:assert/strict";
import { appendFileSync, readdirSync, readFileSync, statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [url, workspace, userData, shots, previewUrl, previewPlan] = process.argv.slice(2);
if (!previewPlan) {
  console.error(
    "usage: node e2e/e2e.mjs URL WORKSPACE USER_DATA_DIR SCREENSHOT_DIR PREVIEW_URL PREVIEW_PLAN",
  );
  process.exit(2);
}
const TIMEOUT = 30_000;
/**
 * The preview must follow an edit within 300 ms of the last keystroke (issue 15) on an otherwise idle
 * machine; the bound grows with the load beyond one runnable process per core (shared developer
 * machines run at several times that), and the load is printed with each measurement.
 */
const LOAD = Math.max(1, loadavg()[0] / cpus().length);
const PREVIEW_LATENCY_MS = Math.round(300 * LOAD);
const CRITICAL = "rgb(229, 72, 77)"; // #e5484d, the extension's default for `*.critical:prog`

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
page.setDefaultTimeout(TIMEOUT);
let passed = 0;

async function check(name, body) {
  await body();
  passed += 1;
  console.log(`ok ${passed} - ${name}`);
}

/** Runs a command from the palette by its title. */
async function command(title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible" });
  await input.fill(`>${title}`);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first().waitFor();
  await page.keyboard.press("Enter");
}

async function openFile(name) {
  await page.keyboard.press("Control+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible" });
  await input.fill(name);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first().waitFor();
  await page.keyboard.press("Enter");
  await page.locator(`.tab.active[data-resource-name="${name}"]`).waitFor();
  await page.locator(".monaco-editor .view-lines").first().waitFor();
}

/** Puts the cursor at 1-based `line`:`column` with Go to Line. */
async function goTo(line, column) {
  await page.keyboard.press("Control+G");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible" });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press("Enter");
  await page.locator(".quick-input-widget").waitFor({ state: "hidden" });
}

/** The active editor's lines as shown, inlay hints included (drawn as CSS content), top to bottom. */
const editorText = () =>
  page.evaluate(() => {
    const shown = (span, pseudo) => {
      const content = getComputedStyle(span, pseudo).content;
      return content.startsWith('"') ? JSON.parse(content) : "";
    };
    const lines = [...document.querySelectorAll(".editor-group-container.active .monaco-editor .view-line")];
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines
      .map((line) =>
        [...line.querySelectorAll("span")]
          .filter((s) => s.children.length === 0)
          .map((s) => shown(s, "::before") + s.textContent + shown(s, "::after"))
          .join(""),
      )
      .join("\n")
      .replaceAll("\u00a0", " ");
  });

async function eventually(what, test) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const value = await test();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await page.waitForTimeout(100);
  }
}

/** Every file under `dir`, recursively. */
function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

try {
  await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator(".monaco-workbench").waitFor();
  // Key presses go nowhere until the workbench has focus.
  await page.locator(".monaco-workbench .part.editor").click();

  await openFile("errors.prog");
  // One for the unknown id, one at the dependency that closes the loop.
  await check("squiggles under the unknown id and the cycle", async () => {
    await eventually("two error squiggles", async () => (await page.locator(".squiggly-error").count()) >= 2);
  });
  await check("the Problems panel lists the unknown id and the cycle", async () => {
    await command("View: Focus Problems (Errors, Warnings, Infos)");
    const problems = page.locator(".markers-panel");
    await problems.getByText("unknown id `nowhere`").first().waitFor();
    await problems.getByText("circular dependency: a → b → a").first().waitFor();
  });
  await check("the cycle's quick fix removes the error", async () => {
    await page.locator(".editor-group-container.active .monaco-editor .view-lines").click();
    await goTo(5, 46); // on `b` in `after b`
    // The quick-fix menu opens only once the editor has the code actions
    // of the line; a press that comes before shows nothing, so ask again.
    const fix = page.getByText("Remove the dependency of `a` on `b`").first();
    await eventually("the quick-fix menu", async () => {
      if (await fix.isVisible()) {
        return true;
      }
      await page.keyboard.press("Escape");
      await page.keyboard.press("Control+.");
      return fix.waitFor({ timeout: 3000 }).then(
        () => true,
        () => false,
      );
    });
    await fix.click();
    await eventually("the cycle error to go", async () => (await editorText()).includes("after b") === false);
    const problems = page.locator(".markers-panel");
    await eventually(
      "the Problems panel without the cycle",
      async () => !(await problems.innerText()).includes("circular dependency"),
    );
    assert.ok((await problems.innerText()).includes("unknown id `nowhere`"), "the other error stays");
  });

  await openFile("plan.prog");
  await check("float and critical inlay hints", async () => {
    const text = await eventually("inlay hints", async () => {
      const t = await editorText();
      return t.includes("float 9d") && t.includes("critical") ? t : null;
    });
    assert.match(text, /task docs "Docs"[^\n]*float 9d/);
  });
  await check("critical ids are highlighted, others not", async () => {
    const colours = await eventually("semantic tokens", () =>
      page.evaluate(() => {
        const spans = [...document.querySelectorAll(".editor-group-container.active .view-line span span")];
        const colour = (id) => {
          const span = spans.find((s) => s.textContent === id);
          return span && getComputedStyle(span).color;
        };
        const found = { api: colour("api"), docs: colour("docs") };
        return found.api === "rgb(229, 72, 77)" ? found : null;
      }),
    );
    assert.equal(colours.api, CRITICAL);
    assert.notEqual(colours.docs, CRITICAL);
  });
  await check("hover shows the dates", async () => {
    await goTo(6, 7); // on `api`
    await page.keyboard.press("Control+K");
    await page.keyboard.press("Control+I");
    const hover = page.locator(".monaco-hover").filter({ hasText: "2027-01-05" });
    await hover.first().waitFor();
    assert.match(await hover.first().innerText(), /2027-01-11/);
    await page.keyboard.press("Escape");
  });
  await check("Prog: Show Critical Path", async () => {
    await command("Prog: Show Critical Path");
    await page
      .locator(".quick-input-widget")
      .getByText("Critical path: kickoff → api → build → ready")
      .waitFor();
    await page.keyboard.press("Escape");
  });
  await check("the output channel names the bundled binary", async () => {
    const logs = files(join(userData, "logs")).filter((f) => f.endsWith(".log"));
    const started = logs.map((f) => readFileSync(f, "utf8")).find((t) => t.includes(" lsp (from "));
    assert.ok(started, "no `Starting … lsp (from …)` line in the logs");
    assert.match(started, /Starting \S+\/bin\/prog lsp \(from bundled\)/);
  });

  /** The preview webview's frame whose report mentions `marker`. */
  const previewFrame = (marker) =>
    eventually(`the preview of ${marker}`, async () => {
      for (const frame of page.frames()) {
        const ready = await frame
          .evaluate(
            (m) =>
              document.querySelector("#report svg.gantt") !== null && document.body.innerText.includes(m),
            marker,
          )
          .catch(() => false);
        if (ready) {
          return frame;
        }
      }
      return null;
    });

  /**
   * Types each of `words` in turn at `line`:`column`, waiting for the preview to show the title as
   * `title(typed so far)`; returns the median of the times from the last keydown to the update (ms),
   * and all of them. The median keeps one slow round on a busy machine from failing the check.
   */
  async function previewLatency(preview, line, column, words, title) {
    await page.locator(".editor-group-container .monaco-editor .view-lines").first().click();
    await goTo(line, column);
    // The keystroke's time is taken where the workbench receives it.
    await page.evaluate(() => {
      window.addEventListener("keydown", () => (window.lastKeydown = Date.now()), true);
    });
    const times = [];
    for (let i = 1; i <= words.length; i++) {
      await page.keyboard.type(words[i - 1], { delay: 30 });
      const expect = title(words.slice(0, i).join(""));
      const updated = await eventually(`${expect} in the preview`, () =>
        preview.evaluate(
          (e) => (document.body.innerText.includes(e) ? Number(document.documentElement.dataset.updated) : 0),
          expect,
        ),
      );
      times.push(updated - (await page.evaluate(() => window.lastKeydown)));
    }
    const median = [...times].sort((x, y) => x - y)[Math.floor(times.length / 2)];
    return { median, times };
  }

  let preview;
  /** Two reports of PREVIEW_PLAN, as `prog preview` serves them before and after an edit. */
  const reports = [];
  await check("Prog: Open Preview to the Side shows the Gantt chart under a strict CSP", async () => {
    await command("Prog: Open Preview to the Side");
    preview = await previewFrame("Design the API");
    const csp = await preview.evaluate(
      () =>
        document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content") ?? "",
    );
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /https?:/);
    assert.ok(await preview.evaluate(() => document.body.innerText.includes("Design the API")));
  });
  await check(`the preview follows typing within ${PREVIEW_LATENCY_MS} ms and keeps its scroll`, async () => {
    await preview.evaluate(() => window.scrollTo(0, 400));
    const before = await preview.evaluate(() => window.scrollY);
    assert.ok(before > 0, "the page scrolls");
    const { median, times } = await previewLatency(
      preview,
      6,
      22,
      ["big ", "new ", "payments "],
      (typed) => `Design the ${typed}API`,
    );
    console.log(
      `# preview latency after the last keystroke: median ${median} ms of ${times.join(", ")} (load ${LOAD.toFixed(1)} per core)`,
    );
    assert.ok(median < PREVIEW_LATENCY_MS, `${median} ms`);
    assert.equal(await preview.evaluate(() => window.scrollY), before);
  });
  await check("clicking a task's bar reveals the task", async () => {
    await preview.evaluate(() => window.scrollTo(0, 0));
    const bar = preview
      .locator("svg.gantt g")
      .filter({ has: preview.locator("title", { hasText: /^build:/ }) })
      .locator(".bar")
      .first();
    await bar.click();
    await page.locator(".statusbar-item", { hasText: /Ln 11, Col \d+/ }).waitFor();
  });
  await check(`on an example plan too, the preview follows within ${PREVIEW_LATENCY_MS} ms`, async () => {
    await openFile("feature_rollout.prog");
    await command("Prog: Open Preview to the Side");
    const example = await previewFrame("Unified checkout rollout");
    const { median, times } = await previewLatency(
      example,
      9,
      44, // before `rollout` in the program's name, the page's heading
      ["v2 ", "beta ", "live "],
      (typed) => `Unified checkout ${typed}rollout`,
    );
    console.log(
      `# preview latency on examples/feature_rollout.prog: median ${median} ms of ${times.join(", ")} ` +
        `(load ${LOAD.toFixed(1)} per core)`,
    );
    assert.ok(median < PREVIEW_LATENCY_MS, `${median} ms`);
  });
  await page.keyboard.press("Control+J"); // the panel away, for the picture
  await page.screenshot({ path: join(shots, "vscode-preview.png") });

  await check(
    "prog preview: the page updates in place when the plan changes, fetching nothing else",
    async () => {
      const browserPage = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const origin = new URL(previewUrl).origin;
      const elsewhere = [];
      browserPage.on("request", (r) => {
        if (!r.url().startsWith(origin)) {
          elsewhere.push(r.url());
        }
      });
      await browserPage.goto(previewUrl);
      await browserPage.locator("svg.gantt").first().waitFor();
      await browserPage.screenshot({ path: join(shots, "browser-preview.png") });
      await browserPage.evaluate(() => {
        window.notReloaded = true;
      });
      reports.push(await (await fetch(previewUrl)).text());
      appendFileSync(previewPlan, '\ntask late_addition "Added while previewing" { duration 1d }\n');
      await browserPage.waitForFunction(() =>
        document.querySelector("svg.gantt")?.textContent.includes("Added while previewing"),
      );
      assert.equal(await browserPage.evaluate(() => window.notReloaded), true, "updated without a reload");
      assert.deepEqual(elsewhere, []);
      await browserPage.close();
      reports.push(await (await fetch(previewUrl)).text());
    },
  );
  await check("the VS Code preview merges each report into the page as if it were shown afresh", async () => {
    // media/preview.js alone, fed the two reports just served (a task apart: new rows in the Gantt
    // chart, the graph, the tables) one after the other and back.
    const merged = await browser.newPage();
    await merged.setContent(
      '<style id="report-style"></style><main id="report"><p>Scheduling…</p></main>', // as the webview's
    );
    await merged.evaluate(() => {
      window.acquireVsCodeApi = () => ({ postMessage() {}, getState() {}, setState() {} });
    });
    await merged.addScriptTag({
      content: readFileSync(new URL("../media/preview.js", import.meta.url), "utf8"),
    });
    for (const [i, html] of [...reports, reports[0]].entries()) {
      const same = await merged.evaluate(async (html) => {
        // Listeners run in order: this one after the preview's.
        await new Promise((resolve) => {
          window.addEventListener("message", resolve, { once: true });
          window.postMessage({ type: "update", html, version: 0 }, "*");
        });
        const page = new DOMParser().parseFromString(html, "text/html");
        const shown = [...document.getElementById("report").childNodes];
        const fresh = [...page.body.childNodes];
        return (
          shown.length === fresh.length &&
          shown.every((node, j) => node.isEqualNode(fresh[j])) &&
          document.getElementById("report-style").textContent ===
            [...page.querySelectorAll("style")].map((s) => s.textContent).join("\n")
        );
      }, html);
      assert.ok(same, `report ${i}`);
    }
    await merged.close();
  });
  console.log(`${passed} passed, 0 failed`);
} catch (e) {
  await page.screenshot({ path: join(shots, "vscode-failure.png") }).catch(() => {});
  console.error(e);
  if (process.env.E2E_DUMP) {
    console.error(await page.locator(".editor-group-container.active .view-lines").innerHTML());
    console.error(await editorText());
  }
  console.log(`${passed} passed, 1 failed`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
