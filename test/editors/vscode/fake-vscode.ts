/**
 * A minimal in-process stand-in for the `vscode` API module, enough for the extension and
 * vscode-languageclient to start a real language server, sync documents, receive diagnostics and
 * run commands. What the tests look at is recorded: diagnostic collections, output channel text,
 * messages shown, registered commands. API parts nobody here needs (most providers' classes and
 * enums) are generic placeholders that accept anything.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL, fileURLToPath } from "node:url";

type Listener<T> = (e: T) => unknown;

class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    });
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

class Disposable {
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  constructor(private readonly callOnDispose: () => unknown) {}
  dispose(): void {
    this.callOnDispose();
  }
}

class Uri {
  private constructor(readonly scheme: string, readonly path: string, readonly raw: string) {}
  static parse(value: string): Uri {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1] ?? "file";
    return new Uri(scheme, scheme === "file" ? fileURLToPath(value) : value.slice(scheme.length + 1), value);
  }
  static file(path: string): Uri {
    return new Uri("file", path, pathToFileURL(path).href);
  }
  get fsPath(): string {
    return this.path;
  }
  get authority(): string {
    return "";
  }
  get query(): string {
    return "";
  }
  get fragment(): string {
    return "";
  }
  toString(): string {
    return this.raw;
  }
  toJSON(): string {
    return this.raw;
  }
}

class Position {
  constructor(readonly line: number, readonly character: number) {}
}

class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    this.start = typeof a === "number" ? new Position(a, b as number) : a;
    this.end = typeof a === "number" ? new Position(c!, d!) : (b as Position);
  }
}

class Diagnostic {
  code?: unknown;
  source?: string;
  tags?: number[];
  relatedInformation?: unknown[];
  constructor(readonly range: Range, readonly message: string, readonly severity = 0) {}
}

class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  readonly token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  cancel(): void {
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

/**
 * A placeholder for any class or enum the tests do not use: constructible, callable, and every
 * property (an enum member, a static) is another placeholder.
 */
function placeholder(name: string): unknown {
  const target = function () {} as unknown as Record<string | symbol, unknown>;
  return new Proxy(target, {
    get: (t, key) => {
      if (key === "prototype") return t.prototype;
      if (key === Symbol.toPrimitive || key === "toString") return () => name;
      if (key === "then") return undefined;
      return placeholder(`${name}.${String(key)}`);
    },
    construct: (_t, args) => ({ placeholder: name, args }),
    apply: () => placeholder(`${name}()`),
  });
}

/** A diagnostic collection that records what the client sets. */
export class FakeDiagnosticCollection {
  readonly entries = new Map<string, Diagnostic[]>();
  constructor(readonly name: string) {}
  set(uri: Uri | [Uri, Diagnostic[]][], diagnostics?: Diagnostic[]): void {
    if (Array.isArray(uri)) {
      for (const [u, d] of uri) this.set(u, d);
      return;
    }
    this.entries.set(uri.toString(), [...(diagnostics ?? [])]);
  }
  get(uri: Uri): Diagnostic[] | undefined {
    return this.entries.get(uri.toString());
  }
  has(uri: Uri): boolean {
    return this.entries.has(uri.toString());
  }
  delete(uri: Uri): void {
    this.entries.delete(uri.toString());
  }
  clear(): void {
    this.entries.clear();
  }
  forEach(f: (uri: Uri, d: Diagnostic[]) => void): void {
    for (const [u, d] of this.entries) f(Uri.parse(u), d);
  }
  dispose(): void {
    this.entries.clear();
  }
}

/** An output channel (plain or log) that keeps its text. */
export class FakeOutputChannel {
  text = "";
  constructor(readonly name: string) {}
  append(s: string): void {
    this.text += s;
  }
  appendLine(s: string): void {
    this.text += `${s}\n`;
  }
  replace(s: string): void {
    this.text = s;
  }
  clear(): void {
    this.text = "";
  }
  show(): void {}
  hide(): void {}
  dispose(): void {}
  readonly logLevel = 2;
  readonly onDidChangeLogLevel = new EventEmitter<number>().event;
  trace(s: string): void {
    this.appendLine(s);
  }
  debug(s: string): void {
    this.appendLine(s);
  }
  info(s: string): void {
    this.appendLine(s);
  }
  warn(s: string): void {
    this.appendLine(s);
  }
  error(s: string | Error): void {
    this.appendLine(String(s));
  }
}

/** A text document backed by a file (or given text). */
export class FakeTextDocument {
  readonly uri: Uri;
  version = 1;
  isDirty = false;
  readonly isClosed = false;
  readonly isUntitled = false;
  readonly eol = 1;
  readonly notebook = undefined;
  private text: string;
  constructor(readonly fileName: string, readonly languageId = "ml", text?: string) {
    this.uri = Uri.file(fileName);
    this.text = text ?? readFileSync(fileName, "utf8");
  }
  getText(): string {
    return this.text;
  }
  get lineCount(): number {
    return this.text.split("\n").length;
  }
  async save(): Promise<boolean> {
    this.isDirty = false;
    return true;
  }
}

/** What a test sets up and inspects. */
export interface FakeState {
  settings: Record<string, unknown>;
  folders: string[];
  documents: FakeTextDocument[];
  activeDocument: FakeTextDocument | undefined;
  collections: FakeDiagnosticCollection[];
  channels: FakeOutputChannel[];
  messages: string[];
  commands: Map<string, (...args: unknown[]) => unknown>;
  /** The options of each terminal created, and whether it was shown. */
  terminals: { options: { name: string; shellPath: string; shellArgs: string[]; cwd: string; env: Record<string, string> }; shown: boolean }[];
}

/** A fresh fake `vscode` module and the state it records. */
export function createFakeVscode(): { vscode: Record<string, unknown>; state: FakeState } {
  const state: FakeState = {
    settings: {}, folders: [], documents: [], activeDocument: undefined, collections: [], channels: [], messages: [], commands: new Map(), terminals: [],
  };
  const event = <T>(): ((l: Listener<T>) => Disposable) => new EventEmitter<T>().event;
  const folder = (path: string, index: number) => ({ uri: Uri.file(path), name: path.split("/").pop(), index });
  const show = (kind: string) => async (message: string) => {
    state.messages.push(`${kind}: ${message}`);
    return undefined;
  };
  const namespace = (name: string, members: Record<string, unknown>): unknown =>
    new Proxy(members, {
      get: (t, key: string) => {
        if (key in t) return t[key];
        if (/^on[A-Z]/.test(key)) return event();
        if (/^register[A-Z]/.test(key)) return () => new Disposable(() => {});
        return placeholder(`${name}.${key}`);
      },
    });

  const workspace = {
    get workspaceFolders() {
      return state.folders.length === 0 ? undefined : state.folders.map(folder);
    },
    getWorkspaceFolder: (uri: Uri) => {
      const i = state.folders.findIndex((f) => uri.fsPath === f || uri.fsPath.startsWith(`${f}/`));
      return i === -1 ? undefined : folder(state.folders[i]!, i);
    },
    get textDocuments() {
      return state.documents;
    },
    notebookDocuments: [],
    getConfiguration: (section?: string) => ({
      get: <T>(key: string, fallback?: T): T | undefined => {
        const full = section === undefined ? key : `${section}.${key}`;
        return full in state.settings ? (state.settings[full] as T) : fallback;
      },
      has: (key: string) => `${section}.${key}` in state.settings,
      inspect: () => undefined,
      update: async () => {},
    }),
    openTextDocument: async (uri: Uri) => state.documents.find((d) => d.uri.toString() === uri.toString()) ?? new FakeTextDocument(uri.fsPath),
    createFileSystemWatcher: () => ({ ...namespace("watcher", {}) as object, dispose: () => {} }),
  };
  const window = {
    get activeTextEditor() {
      return state.activeDocument === undefined ? undefined : { document: state.activeDocument };
    },
    visibleTextEditors: [],
    tabGroups: { all: [], onDidChangeTabs: event() },
    createOutputChannel: (name: string) => {
      const channel = new FakeOutputChannel(name);
      state.channels.push(channel);
      return channel;
    },
    createTerminal: (options: FakeState["terminals"][number]["options"]) => {
      const terminal = { options, shown: false };
      state.terminals.push(terminal);
      return { show: () => (terminal.shown = true), dispose: () => {} };
    },
    showErrorMessage: show("error"),
    showWarningMessage: show("warning"),
    showInformationMessage: show("info"),
  };
  const languages = {
    createDiagnosticCollection: (name: string) => {
      const c = new FakeDiagnosticCollection(name);
      state.collections.push(c);
      return c;
    },
    match: (selector: { language?: string; scheme?: string }[] | { language?: string; scheme?: string }, doc: FakeTextDocument) =>
      ([] as { language?: string; scheme?: string }[]).concat(selector)
        .some((s) => (s.language === undefined || s.language === doc.languageId) && (s.scheme === undefined || s.scheme === doc.uri.scheme)) ? 10 : 0,
  };
  const commands = {
    registerCommand: (id: string, f: (...args: unknown[]) => unknown) => {
      state.commands.set(id, f);
      return new Disposable(() => state.commands.delete(id));
    },
    executeCommand: async (id: string, ...args: unknown[]) => {
      const f = state.commands.get(id);
      if (f === undefined) throw new Error(`command ${id} not found`);
      return f(...args);
    },
  };
  const vscode: Record<string, unknown> = {
    version: "1.91.0",
    env: { language: "en", appName: "fake", machineId: "test", sessionId: "test", openExternal: async () => true },
    EventEmitter, Disposable, Uri, Position, Range, Diagnostic, CancellationTokenSource,
    CancellationError: class CancellationError extends Error {},
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
    workspace: namespace("workspace", workspace),
    window: namespace("window", window),
    languages: namespace("languages", languages),
    commands: namespace("commands", commands),
  };
  return {
    vscode: new Proxy(vscode, { get: (t, key: string) => (key in t ? t[key] : placeholder(key)) }),
    state,
  };
}
