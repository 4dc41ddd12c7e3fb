// technique: a path of 20 000 missing directories: making it canonical tries every ancestor with a system call (about 15 us each, 300 ms in all), charged a step per 16 characters of the path before each ancestor was charged
// grant: file.read
// limits: steps=200000 timeMs=100000
// within-ms: 1500
// expect error: LimitError: step limit exceeded
import file;
file.exists("zz/" * 20000 + "f");
