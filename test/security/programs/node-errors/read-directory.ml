// technique: file.read of a directory (Node throws EISDIR) under a granted capability; inspect what except receives
// grant: file.read={dir}/**
// expect: object ["type", "message"] ValueError Is a directory: .
import file;
try {
  file.read(".");
} except (e) {
  print(typeof(e), keys(e), e.type, e.message);
}
