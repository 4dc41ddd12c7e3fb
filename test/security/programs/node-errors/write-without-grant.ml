// technique: write the escape marker file with no capability at all
// expect error: CapabilityError: file.write() requires capability 'file.write': this run was not granted it
import file;
file.write("/tmp/mljs-escape-write-without-grant", "escaped");
