// technique: truncate the checked path with a NUL byte so the OS sees another file
// grant: file.write={dir}/**
// expect error: CapabilityError: the path contains a NUL byte
import file;
file.write("ok.txt\0/../../../tmp/mljs-escape-write-nul-byte", "escaped");
