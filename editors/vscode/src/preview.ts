// "Prog: Open Preview to the Side": the plan's report (Gantt chart and all) in a webview, recomputed by
// the server (`prog/preview`) from the unsaved text as you type.
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { previewShell, taskAt } from "./text";

export const PREVIEW_REQUEST = "prog/preview";

/** One webview per plan document, following its edits. */
export class Preview implements vscode.Disposable {
  private static readonly open = new Map<string, Preview>();
  /**
   * The page being brought up to date: asked of the server, then posted to the webview until the
   * workbench has it. One at a time, and edits meanwhile make one more follow (`again`): the first
   * edit after a pause is asked for at once, with no debounce to wait out; a fast typist's keystrokes
   * are folded into as many pages as the server and the workbench can take, instead of queueing up
   * behind each other on a busy machine; and answers come in order, so no stale page replaces a newer.
   */
  private refreshing: Promise<void> | undefined;
  private again = false;
  private disposed = false;
  /** The page last posted to the webview: an edit that leaves the page as it is posts nothing. */
  private posted: string | undefined;
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
    this.disposed = true;
    Preview.open.delete(this.document.uri.toString());
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
  }

  /** Brings the page up to date: now if nothing is on its way, else right after. */
  private schedule(): void {
    if (this.refreshing) {
      this.again = true;
      return;
    }
    this.refreshing = this.refresh().finally(() => {
      this.refreshing = undefined;
      if (this.again && !this.disposed) {
        this.schedule();
      }
    });
  }

  private async refresh(): Promise<void> {
    // One turn of the event loop first: the language client sends the edit (`didChange`) from its own
    // listener of the same event, and the server must have it before this request.
    await new Promise((resolve) => setImmediate(resolve));
    const client = this.client();
    if (!client || this.disposed) {
      return;
    }
    this.again = false;
    const version = this.document.version;
    try {
      const html = await client.sendRequest<string>(PREVIEW_REQUEST, {
        textDocument: { uri: this.document.uri.toString() },
      });
      if (typeof html === "string" && !this.disposed) {
        await this.post(html, version);
      }
    } catch (e) {
      // Cancelled by a newer edit (ContentModified): the next request brings the page.
      client.outputChannel.appendLine(`preview: ${String(e)}`);
    }
  }

  private async post(html: string, version: number): Promise<void> {
    if (html === this.posted) {
      return;
    }
    this.posted = html;
    const delivered = await this.panel.webview.postMessage({ type: "update", html, version });
    if (!delivered) {
      // The webview is not there (yet): send the page again next time.
      this.posted = undefined;
    }
  }

  private async received(message: unknown): Promise<void> {
    if (typeof message !== "object" || message === null) {
      return;
    }
    const m = message as { type?: unknown; title?: unknown };
    if (m.type === "ready") {
      // The webview has (re)loaded: it holds no page yet.
      this.posted = undefined;
      this.schedule();
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
