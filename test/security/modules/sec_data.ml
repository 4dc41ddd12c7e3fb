// Imported by builtins/import-export-assign.ml: an exported function the importer tries to replace.
data = [1, 2];
function get() {
  return data;
}
