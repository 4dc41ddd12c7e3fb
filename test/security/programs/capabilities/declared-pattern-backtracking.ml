// technique: a declared path pattern that a backtracking glob matcher takes about a minute to refuse
// grant: file.read
// within-ms: 1000
// expect error: CapabilityError: file.read() requires capability 'file.read': 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' is outside the program's declared patterns
capability Data {
  allow file.read "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*ab";
}
import file;
file.read("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
