/**
 * The ML language server (`mljs lsp`): LSP over a pair of streams (standard input and output for
 * the command). It wires the features of this directory to the protocol; each feature lives in
 * its own file and works on the document analyses the {@link Workspace} keeps.
 *
 * Initialization options (all optional): `importPaths` (extra directories imported modules are
 * looked for in, as `mljs run -I`), `audit` (false turns off the capability warnings),
 * `auditDelay` (milliseconds of quiet after an edit before the audit runs, default 300).
 */
import { resolve as resolvePath } from "node:path";
import {
  createConnection, DiagnosticSeverity, TextDocuments, TextDocumentSyncKind, StreamMessageReader, StreamMessageWriter,
  type Connection, type Diagnostic as LspDiagnostic, type InitializeParams, type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { analysisDiagnostics, auditDiagnostics } from "./diagnostics.js";
import { preloadModules } from "./metadata.js";
import { uriToPath, Workspace } from "./workspace.js";
import { FEATURE_CAPABILITIES, registerFeatures } from "./features.js";

/** Options read from the client's `initializationOptions`. */
export interface ServerOptions {
  importPaths: string[];
  audit: boolean;
  auditDelay: number;
}

/** Runs the language server on `input`/`output` until the client exits; resolves when the connection closes. */
export function startServer(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const connection = createConnection(new StreamMessageReader(input), new StreamMessageWriter(output));
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace();
  const options: ServerOptions = { importPaths: [], audit: true, auditDelay: 300 };
  const audits = new AuditScheduler(connection, workspace, options, documents);

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    readOptions(params.initializationOptions, options);
    await preloadModules();
    const folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => p !== null);
    const rootPath = params.rootUri ? uriToPath(params.rootUri) : null;
    if (folders.length === 0 && rootPath !== null) folders.push(rootPath);
    workspace.configure(folders, options.importPaths.map((p) => resolvePath(p)));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        ...FEATURE_CAPABILITIES,
      },
      serverInfo: { name: "mljs" },
    };
  });

  const refresh = (doc: TextDocument): void => {
    try {
      workspace.setDocument(doc.uri, doc.version, doc.getText());
      audits.publishSoon(doc);
      audits.schedule(doc);
    } catch (e) {
      // A bug in the analysis must not end the session: the editor keeps its other features.
      connection.console.error(`mljs: analysing ${doc.uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  };
  // Also fired when a document opens.
  documents.onDidChangeContent((e) => refresh(e.document));
  documents.onDidClose((e) => {
    workspace.closeDocument(e.document.uri);
    audits.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  registerFeatures(connection, documents, workspace);
  documents.listen(connection);
  connection.listen();
  return new Promise((done) => connection.onExit(() => {
    audits.dispose();
    done();
  }));
}

/** Length (UTF-16 code units) beyond which a document's diagnostics wait for a pause in the edits. */
const LARGE_DOCUMENT = 200_000;

/** Milliseconds without edits before a large document is analysed for its diagnostics. */
const LARGE_DOCUMENT_DELAY = 150;

function readOptions(raw: unknown, options: ServerOptions): void {
  if (typeof raw !== "object" || raw === null) return;
  const o = raw as Record<string, unknown>;
  if (Array.isArray(o.importPaths)) options.importPaths = o.importPaths.filter((p): p is string => typeof p === "string");
  if (typeof o.audit === "boolean") options.audit = o.audit;
  if (typeof o.auditDelay === "number" && o.auditDelay >= 0) options.auditDelay = o.auditDelay;
}

/**
 * Publishes each document's diagnostics: the analysis's at once, the audit's when it has run on
 * the latest text (after {@link ServerOptions.auditDelay} ms without edits; the result of an
 * audit whose document changed meanwhile is dropped). Until then the previous audit's warnings
 * stay, except while the document has errors (the audit reports nothing for such a program).
 */
class AuditScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly latest = new Map<string, LspDiagnostic[]>();
  /** Pending analyses of large documents (see {@link publishSoon}). */
  private readonly analyses = new Map<string, NodeJS.Timeout>();
  /** Documents whose audit is running; the value is true when another was asked for meanwhile. */
  private readonly running = new Map<string, boolean>();

  constructor(
    private readonly connection: Connection,
    private readonly workspace: Workspace,
    private readonly options: ServerOptions,
    private readonly documents: TextDocuments<TextDocument>,
  ) {}

  /** Sends the document's current diagnostics. */
  publish(uri: string): void {
    const a = this.workspace.analysis(uri);
    if (a === null) return;
    const own = analysisDiagnostics(a);
    const audit = own.some((d) => d.severity === DiagnosticSeverity.Error) ? [] : (this.latest.get(uri) ?? []);
    void this.connection.sendDiagnostics({ uri, version: this.documents.get(uri)?.version, diagnostics: [...own, ...audit] });
  }

  /**
   * Sends the document's diagnostics after this change: at once for a document of ordinary size,
   * after {@link LARGE_DOCUMENT_DELAY} ms without edits for one longer than
   * {@link LARGE_DOCUMENT}, whose analysis takes long enough that analysing it on every
   * keystroke would queue the editor's requests behind it (a request in between analyses the
   * latest text itself).
   */
  publishSoon(doc: TextDocument): void {
    clearTimeout(this.analyses.get(doc.uri));
    this.analyses.delete(doc.uri);
    if (doc.getText().length <= LARGE_DOCUMENT) return this.publish(doc.uri);
    this.analyses.set(doc.uri, setTimeout(() => {
      this.analyses.delete(doc.uri);
      if (this.documents.get(doc.uri)?.version === doc.version) this.publish(doc.uri);
    }, LARGE_DOCUMENT_DELAY));
  }

  /** Runs the audit of `doc` after {@link ServerOptions.auditDelay} ms without edits, one audit per document at a time. */
  schedule(doc: TextDocument): void {
    if (!this.options.audit) return;
    if (this.running.has(doc.uri)) {
      this.running.set(doc.uri, true); // run again when the current one ends
      return;
    }
    clearTimeout(this.timers.get(doc.uri));
    // Not before a large document's diagnostics: the audit would analyse each version itself.
    const delay = doc.getText().length > LARGE_DOCUMENT ? Math.max(this.options.auditDelay, LARGE_DOCUMENT_DELAY) : this.options.auditDelay;
    this.timers.set(doc.uri, setTimeout(() => {
      this.timers.delete(doc.uri);
      void this.run(doc.uri, doc.version);
    }, delay));
  }

  private async run(uri: string, version: number): Promise<void> {
    const doc = this.documents.get(uri);
    if (doc === undefined || doc.version !== version) return;
    // A program with errors (a source too long among them) is not audited: the audit would
    // report nothing for it, and would first read all of it and its imports.
    if (this.workspace.analysis(uri)?.diagnostics.some((d) => d.severity === "error") ?? true) return;
    let found: LspDiagnostic[];
    this.running.set(uri, false);
    try {
      found = await auditDiagnostics(doc.getText(), uriToPath(uri), this.options.importPaths);
    } catch (e) {
      this.connection.console.error(`mljs: the audit of ${uri} failed: ${e instanceof Error ? e.message : String(e)}`);
      found = [];
    } finally {
      const again = this.running.get(uri) === true;
      this.running.delete(uri);
      const latest = this.documents.get(uri);
      if (again && latest !== undefined) this.schedule(latest);
    }
    if (this.documents.get(uri)?.version !== version) return;
    this.latest.set(uri, found);
    this.publish(uri);
  }

  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    clearTimeout(this.analyses.get(uri));
    this.analyses.delete(uri);
    this.latest.delete(uri);
  }

  dispose(): void {
    for (const t of [...this.timers.values(), ...this.analyses.values()]) clearTimeout(t);
    this.timers.clear();
    this.analyses.clear();
  }
}
