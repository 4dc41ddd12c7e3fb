// A JavaScript file next to ML modules: `import lib.jsmodule;` must not load it.
export const loaded = true;
