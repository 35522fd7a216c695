// Pure helpers, free of the `vscode` module so that node's test runner can load them.

/** Where the server binary comes from, in order of preference. */
export type ServerSource = "prog.server.path" | "bundled" | "PATH";

/**
 * The `prog` binary to start: `prog.server.path` if set, else the binary bundled in a platform `.vsix`
 * (when `bundled` names an existing file), else `prog` found on PATH.
 */
export function serverCommand(
  configured: string | undefined,
  bundled?: string,
): { command: string; source: ServerSource } {
  const path = configured?.trim();
  if (path) {
    return { command: path, source: "prog.server.path" };
  }
  if (bundled) {
    return { command: bundled, source: "bundled" };
  }
  return { command: "prog", source: "PATH" };
}

export interface Position {
  line: number;
  character: number;
}

/** An LSP `Location`. */
export interface Location {
  uri: string;
  range: { start: Position; end: Position };
}

/** One task or milestone of the critical path, as the server command `prog.showCriticalPath` gives it. */
export interface Step {
  id: string;
  title?: string;
  start?: string;
  finish?: string;
  location?: Location;
}

/** The steps in the result of `prog.showCriticalPath`, in order; anything malformed is dropped. */
export function criticalPath(result: unknown): Step[] {
  if (!Array.isArray(result)) {
    return [];
  }
  const steps: Step[] = [];
  for (const x of result) {
    if (typeof x !== "object" || x === null || typeof x.id !== "string") {
      continue;
    }
    const str = (v: unknown) => (typeof v === "string" ? v : undefined);
    const loc = x.location;
    const location =
      typeof loc?.uri === "string" && typeof loc?.range?.start?.line === "number"
        ? (loc as Location)
        : undefined;
    steps.push({ id: x.id, title: str(x.title), start: str(x.start), finish: str(x.finish), location });
  }
  return steps;
}

/** `2027-01-05 → 2027-01-11`, or what is known of it. */
export function dates(step: Step): string {
  if (step.start && step.finish) {
    return step.start === step.finish ? step.start : `${step.start} → ${step.finish}`;
  }
  return step.start ?? step.finish ?? "";
}

/**
 * The preview webview's page, before the first report arrives: a content security policy that lets
 * nothing be fetched (styles inline, as the report has them; the one script by its nonce).
 */
export function previewShell(nonce: string, script: string): string {
  const csp = `default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<style id="report-style"></style>
</head>
<body>
<main id="report"><p>Scheduling…</p></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>
`;
}

/** The task id in the tooltip of a Gantt bar (`api: Design the API — 2027-01-05 to …`). */
export function taskAt(title: unknown): string | undefined {
  if (typeof title !== "string") {
    return undefined;
  }
  const id = /^([A-Za-z_][A-Za-z0-9_]*):/.exec(title.trim());
  return id?.[1];
}
