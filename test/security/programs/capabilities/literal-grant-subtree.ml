// technique: hold file.write for one file that does not exist yet and write beneath it, as if it were a directory
// grant: file.write=/tmp/mljs-escape-literal-grant-subtree
// expect error: CapabilityError: file.write() requires capability 'file.write': '/tmp/mljs-escape-literal-grant-subtree/x/y.txt' matches none of the granted patterns (/tmp/mljs-escape-literal-grant-subtree)
import file;
file.write("/tmp/mljs-escape-literal-grant-subtree/x/y.txt", "escaped");
