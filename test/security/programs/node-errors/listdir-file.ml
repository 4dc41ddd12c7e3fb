// technique: path.listDir on a regular file (Node throws ENOTDIR from readdir)
// grant: path.read={dir}/**
// expect: object ValueError Not a directory: listdir-file.ml
import path;
try {
  path.listDir("listdir-file.ml");
} except (e) {
  print(typeof(e), e.type, e.message);
}
