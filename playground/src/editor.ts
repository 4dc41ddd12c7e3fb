/**
 * The CodeMirror 6 editor: ML highlighting from the project's lexer (tokens.ts) and live
 * diagnostics from the compiler (`check`), both running in the page.
 */
import { EditorState, RangeSetBuilder, type Extension } from "@codemirror/state";
import {
  Decoration, drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers,
  ViewPlugin, type DecorationSet, type ViewUpdate,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, indentOnInput } from "@codemirror/language";
import { linter, lintGutter, type Diagnostic as LintDiagnostic } from "@codemirror/lint";
import { check, type Diagnostic } from "../../src/compiler/index.js";
import { highlightSpans, type SpanKind } from "./tokens.js";

const MARKS = new Map<SpanKind, Decoration>();

function mark(kind: SpanKind): Decoration {
  let d = MARKS.get(kind);
  if (d === undefined) MARKS.set(kind, (d = Decoration.mark({ class: `ml-${kind}` })));
  return d;
}

function decorations(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const length = view.state.doc.length;
  for (const s of highlightSpans(view.state.doc.toString())) {
    if (s.to <= length && s.kind !== "variable" && s.kind !== "punctuation") builder.add(s.from, s.to, mark(s.kind));
  }
  return builder.finish();
}

/** ML syntax highlighting: the whole document is lexed again on each change (the lexer is linear and fast). */
const mlHighlighting = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = decorations(view);
    }
    update(update: ViewUpdate): void {
      if (update.docChanged) this.decorations = decorations(update.view);
    }
  },
  { decorations: (v) => v.decorations },
);

/** Compiler diagnostics as CodeMirror lint diagnostics (offsets clamped to the document). */
export function toLint(diagnostics: readonly Diagnostic[], length: number): LintDiagnostic[] {
  return diagnostics.map((d) => {
    const from = Math.min(Math.max(0, d.loc.start.offset), length);
    const to = Math.min(Math.max(from, d.loc.end.offset), length);
    const hint = d.suggestion === undefined ? "" : ` (${d.suggestion})`;
    return { from, to, severity: d.severity, source: d.code, message: `${d.message}${hint}` };
  });
}

export interface EditorOptions {
  readonly parent: HTMLElement;
  readonly doc: string;
  readonly filename: string;
  /** Called with the diagnostics of every checked version of the document. */
  readonly onDiagnostics: (diagnostics: readonly Diagnostic[], source: string) => void;
  /** Ctrl/Cmd+Enter. */
  readonly onRun: () => void;
}

export function createEditor(options: EditorOptions): EditorView {
  const lint = linter(
    (view) => {
      const source = view.state.doc.toString();
      const diagnostics = check(source, { filename: options.filename });
      options.onDiagnostics(diagnostics, source);
      return toLint(diagnostics, view.state.doc.length);
    },
    { delay: 250 },
  );
  const extensions: Extension[] = [
    lineNumbers(),
    highlightActiveLineGutter(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    highlightActiveLine(),
    EditorState.tabSize.of(2),
    keymap.of([{ key: "Mod-Enter", run: () => (options.onRun(), true) }, indentWithTab, ...defaultKeymap, ...historyKeymap]),
    mlHighlighting,
    lint,
    lintGutter(),
    EditorView.contentAttributes.of({ "aria-label": "ML program", spellcheck: "false" }),
  ];
  return new EditorView({ parent: options.parent, state: EditorState.create({ doc: options.doc, extensions }) });
}

/** Replaces the whole document. */
export function setDocument(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: 0 } });
}
