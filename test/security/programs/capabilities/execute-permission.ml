// technique: declare the coarse execute permission, hoping for process spawning or a broader grant
// grant: file.write={tmp}/**
// expect error: CapabilityError: the program does not declare it
capability Run {
  allow execute;
}
import file;
file.write("/tmp/mljs-escape-execute-permission", "escaped");
