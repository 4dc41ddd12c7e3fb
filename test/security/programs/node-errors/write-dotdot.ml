// technique: escape a granted directory with .. segments (written relative to the program)
// grant: file.write={dir}/**
// expect error: CapabilityError: the path contains '..'
import file;
file.write("../../../../../../../../tmp/mljs-escape-write-dotdot", "escaped");
