// "Prog: Open Preview to the Side": the plan's report (Gantt chart and all) in a webview, recomputed by
// the server (`prog/preview`) from the unsaved text as you type.
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { previewShell, taskAt } from "./text";

export const PREVIEW_REQUEST = "prog/preview";
/**
 * Quiet time after the last keystroke before the preview is recomputed. Short: the server answers in
 * milliseconds and cancels a request an edit overtakes, and stale answers are dropped (`shown`), so
 * the wait only adds to the 300 ms the page has to follow typing.
 */
const DEBOUNCE_MS = 15;

/** One webview per plan document, following its edits. */
export class Preview implements vscode.Disposable {
  private static readonly open = new Map<string, Preview>();
  private timer: NodeJS.Timeout | undefined;
  /** Numbers the requests, so that a late answer never replaces a newer page. */
  private sent = 0;
  private shown = 0;
  private readonly disposables: vscode.Disposable[] = [];

  static show(
    context: vscode.ExtensionContext,
    client: () => LanguageClient | undefined,
    editor: vscode.TextEditor,
  ) {
    const key = editor.document.uri.toString();
    const existing = Preview.open.get(key);
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    Preview.open.set(key, new Preview(context, client, editor.document, editor.viewColumn));
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(
    context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient | undefined,
    private readonly document: vscode.TextDocument,
    private readonly column: vscode.ViewColumn | undefined,
  ) {
    const media = vscode.Uri.joinPath(context.extensionUri, "media");
    this.panel = vscode.window.createWebviewPanel(
      "prog.preview",
      `Preview ${document.uri.path.split("/").pop()}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: true },
    );
    const webview = this.panel.webview;
    const script = webview.asWebviewUri(vscode.Uri.joinPath(media, "preview.js")).toString();
    webview.html = previewShell(randomBytes(16).toString("base64"), script);
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => this.received(message)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.document) {
          this.schedule();
        }
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d === this.document) {
          this.panel.dispose();
        }
      }),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  dispose(): void {
    clearTimeout(this.timer);
    Preview.open.delete(this.document.uri.toString());
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), DEBOUNCE_MS);
  }

  private async update(): Promise<void> {
    const client = this.client();
    if (!client) {
      return;
    }
    const number = ++this.sent;
    try {
      const html = await client.sendRequest<string>(PREVIEW_REQUEST, {
        textDocument: { uri: this.document.uri.toString() },
      });
      if (number > this.shown && typeof html === "string") {
        this.shown = number;
        await this.panel.webview.postMessage({ type: "update", html, version: this.document.version });
      }
    } catch (e) {
      // Cancelled by a newer edit (ContentModified): the newer request brings the page.
      client.outputChannel.appendLine(`preview: ${String(e)}`);
    }
  }

  private async received(message: unknown): Promise<void> {
    if (typeof message !== "object" || message === null) {
      return;
    }
    const m = message as { type?: unknown; title?: unknown };
    if (m.type === "ready") {
      await this.update();
    } else if (m.type === "reveal") {
      const id = taskAt(m.title);
      if (id) {
        await this.reveal(id);
      }
    }
  }

  /** Shows the declaration of task `id` in the editor beside the preview. */
  private async reveal(id: string): Promise<void> {
    const symbols =
      (await vscode.commands.executeCommand<vscode.SymbolInformation[]>(
        "vscode.executeWorkspaceSymbolProvider",
        id,
      )) ?? [];
    // Every open plan's symbols come back: this document's first, then its imports'.
    const named = symbols.filter((s) => s.name === id);
    const here = this.document.uri.toString();
    const symbol = named.find((s) => s.location.uri.toString() === here) ?? named[0];
    if (symbol) {
      await vscode.window.showTextDocument(symbol.location.uri, {
        selection: symbol.location.range,
        viewColumn: this.column,
      });
    }
  }
}
