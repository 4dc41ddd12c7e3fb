// technique: read a path that treats a file as a directory (Node throws ENOTDIR)
// grant: file.read={dir}/**
// expect: ValueError Not a directory: read-through-file.ml/x
import file;
try {
  file.read("read-through-file.ml/x");
} except (e) {
  print(e.type, e.message);
}
