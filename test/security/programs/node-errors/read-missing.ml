// technique: file.read of a missing file (Node throws ENOENT with the canonical path) under a granted capability
// grant: file.read={dir}/**
// expect: object ["type", "message"] ValueError File not found: missing-file.txt
import file;
try {
  file.read("missing-file.txt");
} except (e) {
  print(typeof(e), keys(e), e.type, e.message);
}
