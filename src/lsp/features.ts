/**
 * Registers each language feature's handler on the connection.
 */
import type { Connection, ServerCapabilities, TextDocuments } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Workspace } from "./workspace.js";

/** Token types and modifiers of the semantic tokens, in the order their indexes refer to. */
export const SEMANTIC_LEGEND = {
  tokenTypes: ["namespace", "function", "parameter", "variable", "property"],
  tokenModifiers: ["declaration", "defaultLibrary"],
};

/** What the server offers besides document synchronisation (the `initialize` answer). */
export const FEATURE_CAPABILITIES: ServerCapabilities = {};

/** Installs the feature handlers. */
export function registerFeatures(_connection: Connection, _documents: TextDocuments<TextDocument>, _workspace: Workspace): void {}
