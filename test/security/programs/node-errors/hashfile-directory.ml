// technique: crypto.hashFile on a directory (a Node stream error inside the stdlib)
// grant: file.read={dir}/**
// expect: ValueError Is a directory: .
import crypto;
try {
  crypto.hashFile(".");
} except (e) {
  print(e.type, e.message);
}
