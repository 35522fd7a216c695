import { execFile } from "node:child_process";
import { accessSync, chmodSync, constants, existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import * as vscode from "vscode";
import {
  ExecuteCommandRequest,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import { Preview } from "./preview";
import { criticalPath, dates, serverCommand } from "./text";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let extensionPath = "";

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionPath = context.extensionPath;
  output = vscode.window.createOutputChannel("Prog");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("prog.criticalPath", showCriticalPath),
    vscode.commands.registerCommand("prog.openPreview", () => {
      const editor = activeProgEditor();
      if (editor) {
        Preview.show(context, () => client, editor);
      }
    }),
    vscode.commands.registerCommand("prog.openReport", openReport),
    vscode.commands.registerCommand("prog.restartServer", restartServer),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("prog.server.path")) {
        await restartServer();
      }
    }),
  );
  await startServer();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function settings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration("prog");
}

/** The binary a platform `.vsix` ships, made executable if unpacking lost the bit. */
function bundledBinary(): string | undefined {
  const path = join(extensionPath, "bin", process.platform === "win32" ? "prog.exe" : "prog");
  if (!existsSync(path)) {
    return undefined;
  }
  try {
    accessSync(path, constants.X_OK);
  } catch {
    chmodSync(path, 0o755);
  }
  return path;
}

function progBinary(): string {
  return serverCommand(settings().get<string>("server.path"), bundledBinary()).command;
}

async function startServer(): Promise<void> {
  const { command, source } = serverCommand(settings().get<string>("server.path"), bundledBinary());
  output.appendLine(`Starting ${command} lsp (from ${source})`);
  const serverOptions: ServerOptions = { command, args: ["lsp"] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: "prog" }],
    initializationOptions: {
      inlayHints: {
        float: settings().get<boolean>("inlayHints.float", true),
        baseline: settings().get<boolean>("inlayHints.baseline", true),
      },
    },
    // Sends workspace/didChangeConfiguration with the `prog` section whenever it changes.
    synchronize: { configurationSection: "prog" },
    outputChannel: output,
  };
  // The id `prog` makes the client read its trace level from `prog.trace.server`.
  client = new LanguageClient("prog", "Prog", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    void vscode.window.showErrorMessage(
      `Prog: could not start \`${command} lsp\` (${String(e)}). Set \`prog.server.path\` to the prog binary.`,
    );
  }
}

async function restartServer(): Promise<void> {
  if (client) {
    try {
      await client.stop();
    } catch {
      // A server that never started cannot be stopped; start a fresh one all the same.
    }
    client = undefined;
  }
  await startServer();
}

function activeProgEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== "prog") {
    void vscode.window.showWarningMessage("Prog: open a .prog file first.");
    return undefined;
  }
  return editor;
}

async function showCriticalPath(): Promise<void> {
  const editor = activeProgEditor();
  if (!editor || !client) {
    return;
  }
  const result: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
    command: "prog.showCriticalPath",
    arguments: [editor.document.uri.toString()],
  });
  const steps = criticalPath(result);
  if (steps.length === 0) {
    void vscode.window.showInformationMessage("Prog: the plan has no critical path.");
    return;
  }
  const picked = await vscode.window.showQuickPick(
    steps.map((step, i) => ({
      label: step.id,
      description: `${i + 1}/${steps.length} ${dates(step)}`,
      detail: step.title,
      step,
    })),
    {
      title: `Critical path: ${steps.map((s) => s.id).join(" → ")}`,
      placeHolder: "Go to a step",
      matchOnDetail: true,
    },
  );
  const location = picked?.step.location;
  if (location) {
    const { start, end } = location.range;
    await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), {
      selection: new vscode.Range(start.line, start.character, end.line, end.character),
    });
  }
}

async function openReport(): Promise<void> {
  const editor = activeProgEditor();
  if (!editor) {
    return;
  }
  const doc = editor.document;
  if (doc.isDirty) {
    await doc.save();
  }
  const dir = await mkdtemp(join(tmpdir(), "prog-report-"));
  const out = join(dir, `${basename(doc.uri.fsPath, ".prog")}.html`);
  const args = ["report", doc.uri.fsPath, "--format", "html", "--output", out];
  execFile(progBinary(), args, (error, _stdout, stderr) => {
    if (error) {
      void vscode.window.showErrorMessage(`Prog: \`prog report\` failed: ${stderr.trim() || error.message}`);
      return;
    }
    void vscode.env.openExternal(vscode.Uri.file(out));
  });
}
