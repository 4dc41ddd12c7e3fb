// technique: 10 000 alternatives `\w|\w|…`: one class and three instructions, but 4 s and 500 MB of parsing in one call charged as three instructions
// within-ms: 1500
// expect error: ValueError: regex pattern too costly to compile
import regex;
regex.compile("\\w|" * 10000 + "x");
