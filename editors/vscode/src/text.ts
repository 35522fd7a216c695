// Pure helpers, free of the `vscode` module so that node's test runner can load them.

/** The command that starts the server: the configured path, or `prog` found on PATH. */
export function serverCommand(configured: string | undefined): string {
  const path = configured?.trim();
  return path ? path : "prog";
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
