/**
 * Registers each language feature's handler on the connection, and what the server offers
 * besides document synchronisation. Every handler reads the document's analysis from the
 * {@link Workspace} (made on the latest change) and works on character offsets.
 */
import type { Connection, ServerCapabilities, TextDocuments } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Analysis } from "./analysis.js";
import { codeActions } from "./code-actions.js";
import { complete } from "./completion.js";
import { formatDocument } from "./formatting.js";
import { hover } from "./hover.js";
import { definition, prepareRename, references, rename } from "./navigation.js";
import { SEMANTIC_LEGEND, semanticTokens } from "./semantic-tokens.js";
import { signatureHelp } from "./signature.js";
import { documentSymbols } from "./symbols.js";
import { uriToPath, type Workspace } from "./workspace.js";

/** What the server offers besides document synchronisation (the `initialize` answer). */
export const FEATURE_CAPABILITIES: ServerCapabilities = {
  hoverProvider: true,
  completionProvider: { triggerCharacters: ["."], resolveProvider: false },
  signatureHelpProvider: { triggerCharacters: ["(", ","], retriggerCharacters: [","] },
  definitionProvider: true,
  referencesProvider: true,
  renameProvider: { prepareProvider: true },
  documentSymbolProvider: true,
  semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
  codeActionProvider: { codeActionKinds: ["quickfix"] },
  documentFormattingProvider: true,
};

/** Installs the feature handlers. */
export function registerFeatures(connection: Connection, documents: TextDocuments<TextDocument>, ws: Workspace): void {
  /** The document and its analysis, or null for a document the client has not opened. */
  const open = (uri: string): { doc: TextDocument; a: Analysis } | null => {
    const doc = documents.get(uri);
    const a = doc === undefined ? null : ws.analysis(uri);
    return doc === undefined || a === null ? null : { doc, a };
  };
  type At = { textDocument: { uri: string }; position: { line: number; character: number } };
  /** A handler of a request made at a position. */
  const at = <P extends At, R>(f: (a: Analysis, offset: number, params: P) => R, none: R) => (params: P): R => {
    const d = open(params.textDocument.uri);
    return d === null ? none : f(d.a, d.doc.offsetAt(params.position), params);
  };

  connection.onHover(at((a, offset) => hover(ws, a, offset), null));
  connection.onCompletion(at((a, offset) => complete(ws, a, offset), []));
  connection.onSignatureHelp(at((a, offset) => signatureHelp(ws, a, offset), null));
  connection.onDefinition(at((a, offset) => definition(ws, a, offset), null));
  connection.onReferences(at((a, offset, p) => references(ws, a, offset, p.context.includeDeclaration), []));
  connection.onPrepareRename(at((a, offset) => prepareRename(a, offset), null));
  connection.onRenameRequest(at((a, offset, p) => rename(ws, a, offset, p.newName), null));
  connection.onDocumentSymbol((p) => {
    const d = open(p.textDocument.uri);
    return d === null ? [] : documentSymbols(d.a);
  });
  connection.languages.semanticTokens.on((p) => {
    const d = open(p.textDocument.uri);
    return d === null ? { data: [] } : semanticTokens(d.a);
  });
  connection.onCodeAction((p) => {
    const d = open(p.textDocument.uri);
    return d === null ? [] : codeActions(d.a, p.textDocument.uri, p.context.diagnostics);
  });
  connection.onDocumentFormatting((p) => {
    const d = open(p.textDocument.uri);
    return d === null ? [] : formatDocument(d.doc.getText(), uriToPath(p.textDocument.uri) ?? p.textDocument.uri);
  });
}
