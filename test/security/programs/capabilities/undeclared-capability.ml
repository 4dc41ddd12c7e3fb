// technique: declare only datetime.now, then use a file.write the host granted to write the marker
// grant: file.write
// expect error: CapabilityError: the program does not declare it
capability Clock {
  allow datetime.now;
}
import file;
file.write("/tmp/mljs-escape-undeclared-capability", "escaped");
