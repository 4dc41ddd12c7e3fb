// technique: a class of 100 000 `\w` (each a class built from the Unicode tables): the engine's parser grew one array past V8's limit and aborted the whole process
// isolate: process
// within-ms: 5000
// expect error: ValueError: regex pattern too long: 200003 characters (max 160000)
import regex;
regex.compile("[^" + "\\w" * 100000 + "]");
