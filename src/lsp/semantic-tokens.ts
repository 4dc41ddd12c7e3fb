/**
 * Semantic tokens: every name classified by what it names (a module, a function, a parameter, a
 * variable, a member), with `declaration` where it is declared and `defaultLibrary` for builtins
 * and stdlib members. Keywords, strings, numbers and comments are left to the editor's grammar.
 */
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from "vscode-languageserver/node";
import type { Analysis, Occurrence } from "./analysis.js";
import { moduleMember } from "./metadata.js";

/** Token types and modifiers, in the order their indexes refer to. */
export const SEMANTIC_LEGEND: SemanticTokensLegend = {
  tokenTypes: ["namespace", "function", "parameter", "variable", "property"],
  tokenModifiers: ["declaration", "defaultLibrary"],
};

const TYPE = { namespace: 0, function: 1, parameter: 2, variable: 3, property: 4 } as const;
const DECLARATION = 1;
const DEFAULT_LIBRARY = 2;

/** The semantic tokens of the analysed document. */
export function semanticTokens(a: Analysis): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  for (const o of a.occurrences) {
    const [type, library] = classify(o);
    const modifiers = (o.declaration ? DECLARATION : 0) | (library ? DEFAULT_LIBRARY : 0);
    builder.push(o.loc.start.line - 1, o.loc.start.column - 1, o.loc.end.offset - o.loc.start.offset, type, modifiers);
  }
  return builder.build();
}

function classify(o: Occurrence): [number, boolean] {
  switch (o.kind) {
    case "namespace":
    case "module-path":
      return [TYPE.namespace, false];
    case "function":
      return [TYPE.function, false];
    case "parameter":
      return [TYPE.parameter, false];
    case "builtin":
      return [o.name === "builtin" ? TYPE.namespace : TYPE.function, true];
    case "stdlib-member": {
      const m = o.module !== undefined && "stdlib" in o.module ? moduleMember(o.module.stdlib, o.name) : undefined;
      return [m?.kind === "function" ? TYPE.function : TYPE.property, true];
    }
    case "user-member":
    case "property":
      return [TYPE.property, false];
    default:
      return [TYPE.variable, false];
  }
}
