// technique: write the escape marker file while holding file.write for another directory only
// grant: file.write={tmp}/**
// expect error: CapabilityError: matches none of the granted patterns
import file;
file.write("/tmp/mljs-escape-write-outside-grant", "escaped");
